package io.quiesce.formats.decision;

import io.quiesce.catalog.Catalog;
import io.quiesce.rules.Deployment;

/**
 * A service's short name ({@code RTCSRV}) as its server's role names it in the catalog, or its
 * display name when the role does not know it.
 */
public record ShortNames(Catalog catalog, Deployment deployment) {
    public String of(String server, String service) {
        return deployment.server(server).map(s -> catalog.shortName(s.role(), service)).orElse(service);
    }
}
