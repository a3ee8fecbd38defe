package io.quiesce.properties;

import io.quiesce.auth.Principal;

/** The people the generated commands come from. */
final class Principals {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    /** Group names compare without regard to case (rule 16). */
    static final Principal ADMIN_OTHER_CASE = Principal.of("bob", "Users", "administrators");
    static final Principal OUTSIDER = Principal.of("mallory", "Users");
    static final Principal NOBODY = Principal.of("eve");
    /** docs/behaviour.md: a command line without {@code as} comes from this administrator. */
    static final Principal REPLAY = Principal.of("replay", "Administrators");

    private Principals() {
    }
}
