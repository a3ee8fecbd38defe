package io.quiesce.rules;

/**
 * Stable codes of refusals. Tools match on these, so a code is never renamed or reused.
 * {@link #kind()} tells a caller what sort of refusal it is (the command line maps it to an
 * exit code).
 */
public enum RejectionCode {
    NOT_AUTHORIZED(Kind.NOT_AUTHORIZED),
    INVALID_ARGUMENT(Kind.BAD_INPUT),
    UNKNOWN_POOL(Kind.BAD_INPUT),
    UNKNOWN_SERVER(Kind.BAD_INPUT),
    UNKNOWN_SERVICE(Kind.BAD_INPUT),
    UNKNOWN_SESSION(Kind.BAD_INPUT),
    UNKNOWN_FEATURE(Kind.BAD_INPUT),
    UNKNOWN_ROLE(Kind.BAD_INPUT),
    POOL_EXISTS(Kind.RULE),
    SERVER_EXISTS(Kind.RULE),
    POOL_FULL(Kind.RULE),
    /** A component inside a Windows service cannot be paused on its own. */
    COMPONENT_NOT_PAUSABLE(Kind.RULE),
    /** Pause or resume of an OFFLINE service (rules 1, 2). */
    SERVICE_OFFLINE(Kind.RULE),
    /** Start of a service whose startup type is DISABLED (rule 3). */
    STARTUP_DISABLED(Kind.RULE),
    /** Stop or restart while sessions remain, without force (rules 4, 9). */
    SESSIONS_ACTIVE(Kind.RULE),
    /** Stop while sessions of a DNS-load-balanced feature remain in a pool without it (rule 14). */
    DNS_LB_SESSIONS(Kind.RULE),
    /** A new session on a service that does not take it (rule 6). */
    NOT_ACCEPTING(Kind.RULE),
    DUPLICATE_SESSION(Kind.RULE),
    /** The pool would be left with no RUNNING instance of a service (rule 12). */
    CAPACITY_GUARD(Kind.RULE),
    /** The pool would be left with fewer servers up than its quorum (rule 13). */
    QUORUM_GUARD(Kind.RULE),
    /** The persistent layer has too many commands in flight; try again. */
    OVERLOADED(Kind.RULE),
    /** An admin command, without force, on a server of a pool whose rollout has not ended. */
    ROLLOUT_IN_PROGRESS(Kind.RULE),
    /** No schedule can roll these servers without breaking the capacity or quorum guard. */
    ROLLOUT_NOT_POSSIBLE(Kind.RULE),
    /** Resume or abort of a pool with no rollout under way. */
    NO_ROLLOUT(Kind.RULE),
    /** A patch step was started but its outcome never recorded: re-running it needs consent. */
    PATCH_UNFINISHED(Kind.RULE);

    /** What sort of refusal: wrong input, a rule or guard, or a missing right. */
    public enum Kind { BAD_INPUT, RULE, NOT_AUTHORIZED }

    private final Kind kind;

    RejectionCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
