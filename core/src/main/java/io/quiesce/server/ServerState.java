package io.quiesce.server;

import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * A server: its pool, its role, and its Windows services in the role's order.
 *
 * @param coreService display name of the service that makes the server count as up
 */
public record ServerState(String name, String pool, String role, String coreService,
                          Map<String, ServiceState> services) {
    public ServerState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(coreService, "coreService");
        services = ServiceMap.copyOf(services);
    }

    public ServiceState service(String displayName) {
        return services.get(displayName);
    }

    public ServerState withService(ServiceState service) {
        return new ServerState(name, pool, role, coreService, ((ServiceMap) services).with(service));
    }

    /** The server's own status, derived from its services (docs/behaviour.md). */
    public ServiceStatus status() {
        return statusOf(services.values());
    }

    /** Up for the quorum guard while the core service is not OFFLINE. */
    public boolean isUp() {
        ServiceState core = services.get(coreService);
        return core != null && core.status() != ServiceStatus.OFFLINE;
    }

    public int sessionCount() {
        return services.values().stream().mapToInt(ServiceState::sessionCount).sum();
    }

    /** RUNNING if any service is RUNNING, else PAUSING if any is, else DRAINED if any is, else OFFLINE. */
    public static ServiceStatus statusOf(Collection<ServiceState> services) {
        for (ServiceStatus candidate : new ServiceStatus[] {ServiceStatus.RUNNING, ServiceStatus.PAUSING,
                ServiceStatus.DRAINED}) {
            if (services.stream().anyMatch(s -> s.status() == candidate)) {
                return candidate;
            }
        }
        return ServiceStatus.OFFLINE;
    }
}
