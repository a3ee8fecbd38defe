package io.quiesce.rollout;

import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server as the rollout found it, recorded when the rollout starts, so it can put it back:
 * each service's startup type, and the services that were already offline (left offline).
 */
public record ServerBefore(Map<String, StartupType> startup, List<String> offline) {
    public ServerBefore {
        startup = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(startup));
        offline = List.copyOf(offline);
    }

    public static ServerBefore of(ServerState server) {
        Map<String, StartupType> startup = new LinkedHashMap<>();
        server.services().values().forEach(s -> startup.put(s.name(), s.startup()));
        List<String> offline = server.services().values().stream()
                .filter(s -> s.status() == ServiceStatus.OFFLINE).map(s -> s.name()).toList();
        return new ServerBefore(startup, offline);
    }

    /**
     * The services whose startup type the rollout sets to manual, and later back: every one not
     * manual already. A disabled one too, or it could not be started again after the patch.
     */
    public List<String> toManual() {
        return startup.entrySet().stream().filter(e -> e.getValue() != StartupType.MANUAL)
                .map(Map.Entry::getKey).toList();
    }

    /** The services the rollout starts again after the patch: those that were not offline. */
    public List<String> toStart() {
        return startup.keySet().stream().filter(s -> !offline.contains(s)).toList();
    }
}
