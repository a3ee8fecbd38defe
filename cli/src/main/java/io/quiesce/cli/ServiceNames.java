package io.quiesce.cli;

import io.quiesce.catalog.Catalog;
import io.quiesce.rules.Deployment;

/** The short name of a server's Windows service ("RTCSRV"), from the role catalog. */
public record ServiceNames(Catalog catalog, Deployment deployment) {
    String shortName(String server, String service) {
        return deployment.server(server).map(s -> catalog.shortName(s.role(), service)).orElse(service);
    }
}
