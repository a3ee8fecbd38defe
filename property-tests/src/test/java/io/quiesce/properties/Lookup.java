package io.quiesce.properties;

import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Feature;
import io.quiesce.catalog.WindowsService;
import io.quiesce.rules.Deployment;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;

import java.util.List;
import java.util.Optional;

/** What the checks need from the role catalog, read directly rather than through the rules. */
record Lookup(Catalog catalog) {
    /** The service hosting the feature on that server, if its role has the feature. */
    Optional<ServiceState> hostOf(ServerState server, String feature) {
        return catalog.role(server.role()).flatMap(r -> r.hostOf(feature)).map(w -> server.service(w.displayName()));
    }

    boolean needsDnsLoadBalancing(ServerState server, String feature) {
        return catalog.role(server.role()).flatMap(r -> r.hostOf(feature)).flatMap(w -> w.feature(feature))
                .map(Feature::needsDnsLoadBalancing).orElse(false);
    }

    /** Rule 6: the service takes a new session for this feature. */
    boolean takesNewSession(Deployment d, ServiceState service, String feature) {
        ServerState server = d.server(service.server()).orElseThrow();
        boolean notRerouted = !d.pool(server.pool()).orElseThrow().dnsLoadBalancing()
                && needsDnsLoadBalancing(server, feature);
        return switch (service.status()) {
            case RUNNING -> true;
            case PAUSING, DRAINED -> notRerouted;
            case OFFLINE -> false;
        };
    }

    /**
     * The services a command addresses: all of the server's for a null name, else the one named
     * by display or short name in any case. Empty when the server or the name is unknown.
     */
    Optional<List<ServiceState>> targets(Deployment d, String server, String service) {
        Optional<ServerState> s = d.server(server);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (service == null) {
            return Optional.of(List.copyOf(s.get().services().values()));
        }
        return catalog.role(s.get().role()).flatMap(r -> r.service(service))
                .map(WindowsService::displayName).map(name -> List.of(s.get().service(name)));
    }
}
