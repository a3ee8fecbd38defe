package io.quiesce.rules;

import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Feature;
import io.quiesce.catalog.Role;
import io.quiesce.catalog.WindowsService;
import io.quiesce.text.Names;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which service of a role hosts a feature, found once per catalog rather than searched for on every
 * server of the pool at every connect (the first service of the role, in its listed order, that
 * lists the feature, its id compared ignoring case).
 */
final class FeatureHosts {
    /**
     * The service of a role that hosts a feature, and whether the feature relies on DNS load
     * balancing there (as the role's definition of that service says).
     */
    record Host(WindowsService service, boolean needsDnsLoadBalancing) {
    }

    private final Map<String, Map<String, Host>> byRole = new HashMap<>();
    private final Set<String> hosted = new TreeSet<>(Names.ORDER);

    FeatureHosts(Catalog catalog) {
        for (Role role : catalog.roles().values()) {
            Map<String, Host> hosts = new TreeMap<>(Names.ORDER);
            for (WindowsService service : role.services()) {
                for (Feature feature : service.features()) {
                    hosts.computeIfAbsent(feature.id(), id -> new Host(service, role.service(service.displayName())
                            .flatMap(definition -> definition.feature(id))
                            .map(Feature::needsDnsLoadBalancing).orElse(false)));
                    hosted.add(feature.id());
                }
            }
            byRole.put(role.name(), hosts);
        }
    }

    /** The host of {@code feature} in {@code role}, or null when the role has none. */
    Host in(Role role, String feature) {
        return byRole.get(role.name()).get(feature);
    }

    /** True when some role of the catalog hosts {@code feature} (none hosts a missing one). */
    boolean anyRoleHosts(String feature) {
        return feature != null && hosted.contains(feature);
    }
}
