package io.quiesce.cli.traffic;

import io.quiesce.catalog.Catalog;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;

import java.util.Optional;

/** Finds a server's service by display name or short name, ignoring case, as every other command does. */
record ServiceLookup(Catalog catalog) {
    Optional<ServiceState> find(ServerState server, String service) {
        for (ServiceState s : server.services().values()) {
            if (s.name().equalsIgnoreCase(service)) {
                return Optional.of(s);
            }
        }
        return catalog.role(server.role()).flatMap(r -> r.service(service))
                .map(w -> server.service(w.displayName()));
    }

    /** The service that makes the server count as up (the Front-End of a Lync Front End server). */
    ServiceState core(ServerState server) {
        return server.service(server.coreService());
    }
}
