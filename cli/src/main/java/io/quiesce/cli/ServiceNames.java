package io.quiesce.cli;

import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.WindowsService;
import io.quiesce.rules.Deployment;

/** The short name of a server's Windows service ("RTCSRV"), from the role catalog. */
public record ServiceNames(Catalog catalog, Deployment deployment) {
    String shortName(String server, String service) {
        return deployment.server(server)
                .flatMap(s -> catalog.role(s.role()))
                .flatMap(r -> r.service(service))
                .map(WindowsService::shortName)
                .orElse(service);
    }
}
