package io.quiesce.cli;

import io.quiesce.catalog.Catalog;
import io.quiesce.formats.decision.ShortNames;
import io.quiesce.rules.Deployment;

/** The short name of a server's Windows service ("RTCSRV"), from the role catalog. */
public record ServiceNames(Catalog catalog, Deployment deployment) {
    String shortName(String server, String service) {
        return shortNames().of(server, service);
    }

    ShortNames shortNames() {
        return new ShortNames(catalog, deployment);
    }
}
