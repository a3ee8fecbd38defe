package io.quiesce.auth;

import java.util.Objects;

/**
 * Rule 16: reading is open, changing anything needs membership of the administrators group.
 */
public record Authorization(String adminGroup) {
    public static final String DEFAULT_ADMIN_GROUP = "Administrators";

    public Authorization {
        Objects.requireNonNull(adminGroup, "adminGroup");
    }

    public static Authorization defaults() {
        return new Authorization(DEFAULT_ADMIN_GROUP);
    }

    public boolean mayChange(Principal principal) {
        return principal.isMemberOf(adminGroup);
    }
}
