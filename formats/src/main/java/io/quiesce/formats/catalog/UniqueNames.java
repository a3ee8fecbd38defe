package io.quiesce.formats.catalog;

import io.quiesce.catalog.CatalogException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Names that must be unique within a role, ignoring case, remembering which service claimed
 * each so that a clash names both services.
 */
final class UniqueNames {
    private final Map<String, Integer> owners = new HashMap<>();
    private final String where;
    private final String verb;
    private final String taken;

    /**
     * @param where the role, as messages name it
     * @param verb  how a service relates to the name ("hosts feature")
     * @param taken how the earlier service relates to it ("already hosted")
     */
    UniqueNames(String where, String verb, String taken) {
        this.where = where;
        this.verb = verb;
        this.taken = taken;
    }

    void claim(String name, int service) {
        Integer owner = owners.putIfAbsent(name.toLowerCase(Locale.ROOT), service);
        if (owner != null) {
            throw new CatalogException(where + ": service " + service + " " + verb + " \"" + name + "\", "
                    + taken + " by service " + owner);
        }
    }
}
