package io.quiesce.rules;

import java.time.Duration;

/**
 * How far away a pause deadline may be: more than zero and at most {@link #MAX}. A deadline is
 * kept as a timer of the library's actor system, which cannot wait much past 248 days; no drain
 * needs a month. The same bound holds for the API, the command line and command lines of a
 * replayed history.
 */
public final class PauseDeadline {
    public static final Duration MAX = Duration.ofDays(30);

    private PauseDeadline() {
    }

    /** Why {@code deadline} cannot be a pause deadline, or null when it can (or none is given). */
    public static Rejection refusal(Duration deadline) {
        if (deadline == null || (!deadline.isNegative() && !deadline.isZero() && deadline.compareTo(MAX) <= 0)) {
            return null;
        }
        return new Rejection(RejectionCode.INVALID_ARGUMENT, "a pause deadline must be more than zero and at most"
                + " 30 days (720h) away, not " + deadline + ": give one in that range.");
    }
}
