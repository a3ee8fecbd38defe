package io.quiesce.catalog;

import io.quiesce.text.Names;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The role catalog: which services a server of each role runs and which features they host.
 * It is data, so a user can describe their own roles in a file (read by the formats module).
 *
 * @param roles       roles by name, in file order
 * @param defaultRole the role a server gets when none is named
 */
public record Catalog(Map<String, Role> roles, String defaultRole) {
    /** The built-in role: the Lync Server 2013 Front End. */
    public static final String LYNC_2013_FRONT_END = "lync2013-frontend";

    /** Refuses a catalog that names a role twice (in any case) or whose default role is not one of its roles. */
    public Catalog {
        roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        java.util.Set<String> seen = new java.util.TreeSet<>(Names.ORDER);
        for (String name : roles.keySet()) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("the catalog names role " + name
                        + " twice (role names ignore case)");
            }
        }
        if (!roles.containsKey(defaultRole)) {
            throw new IllegalArgumentException("default role " + defaultRole + " is not in the catalog");
        }
    }

    /** The shipped catalog: one role, {@value #LYNC_2013_FRONT_END}, its default. */
    public static Catalog defaults() {
        return Lync2013FrontEnd.CATALOG;
    }

    /** A catalog of these roles, the first one the default. */
    public static Catalog of(List<Role> roles) {
        Map<String, Role> byName = new LinkedHashMap<>();
        roles.forEach(r -> byName.put(r.name(), r));
        return new Catalog(byName, roles.get(0).name());
    }

    /** The role of this name, in any case. */
    public Optional<Role> role(String name) {
        Role exact = roles.get(name);
        return exact != null ? Optional.of(exact)
                : roles.values().stream().filter(r -> Names.same(r.name(), name)).findFirst();
    }

    /**
     * The short name ("RTCSRV") of a service of {@code role}, named by display or short name; the
     * name as given when the catalog does not know the role or the service.
     */
    public String shortName(String role, String service) {
        return role(role).flatMap(r -> r.service(service)).map(WindowsService::shortName).orElse(service);
    }
}
