package io.quiesce.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who is asking: a user name and the groups the user belongs to.
 */
public record Principal(String name, Set<String> groups) {
    public Principal {
        Objects.requireNonNull(name, "name");
        groups = Set.copyOf(groups);
    }

    public static Principal of(String name, String... groups) {
        return new Principal(name, Set.of(groups));
    }

    /** Windows group names compare without regard to case. */
    public boolean isMemberOf(String group) {
        for (String g : groups) { // a loop: every command asks this
            if (g.equalsIgnoreCase(group)) {
                return true;
            }
        }
        return false;
    }
}
