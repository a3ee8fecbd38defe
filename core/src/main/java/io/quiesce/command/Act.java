package io.quiesce.command;

import io.quiesce.auth.Principal;

import java.time.Instant;
import java.util.Objects;

/**
 * Who asks, when, and why: carried by every command so events can be audited (rule 17).
 * Time comes in as a value; the core never reads a clock.
 */
public record Act(Principal by, Instant at, String reason) {
    /** Refuses a missing principal or time. */
    public Act {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }

    /** An act without a reason. */
    public static Act of(Principal by, Instant at) {
        return new Act(by, at, null);
    }

    /** The same act at another time. */
    public Act withAt(Instant time) {
        return new Act(by, time, reason);
    }
}
