package io.quiesce.auth;

import java.util.Objects;

/**
 * Rule 16: reading is open, changing anything needs membership of the administrators group.
 */
public record Authorization(String adminGroup) {
    /** The administrators group unless told otherwise. */
    public static final String DEFAULT_ADMIN_GROUP = "Administrators";

    /** Refuses a missing group. */
    public Authorization {
        Objects.requireNonNull(adminGroup, "adminGroup");
    }

    /** Members of {@link #DEFAULT_ADMIN_GROUP} may change things. */
    public static Authorization defaults() {
        return new Authorization(DEFAULT_ADMIN_GROUP);
    }

    /** Whether the principal may change anything (rule 16); reading needs no permission. */
    public boolean mayChange(Principal principal) {
        return principal.isMemberOf(adminGroup);
    }
}
