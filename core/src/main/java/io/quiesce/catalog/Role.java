package io.quiesce.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A server role: the Windows services a server of that role runs, in their listed order.
 *
 * @param name        the role name ({@code lync2013-frontend})
 * @param coreService display name of the service that decides whether the server counts as up
 * @param services    the Windows services of the role
 */
public record Role(String name, String coreService, List<WindowsService> services) {
    public Role {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(coreService, "coreService");
        services = List.copyOf(services);
    }

    /** The service named by display name or short name, ignoring case. */
    public Optional<WindowsService> service(String name) {
        return services.stream().filter(s -> s.isNamed(name)).findFirst();
    }

    /** The Windows service that consolidates the component {@code name}, if any. */
    public Optional<WindowsService> serviceConsolidating(String name) {
        return services.stream().filter(s -> s.consolidatesComponent(name)).findFirst();
    }

    /** The service that hosts the feature {@code featureId}, if this role has it. */
    public Optional<WindowsService> hostOf(String featureId) {
        return services.stream().filter(s -> s.feature(featureId).isPresent()).findFirst();
    }

    public List<String> serviceNames() {
        return services.stream().map(WindowsService::displayName).toList();
    }
}
