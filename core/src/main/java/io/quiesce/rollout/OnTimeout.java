package io.quiesce.rollout;

import java.util.Locale;
import java.util.Optional;

/** What a rollout does with a server whose sessions outlast the drain timeout. */
public enum OnTimeout {
    /** Keep waiting: no session is ever cut off. */
    WAIT,
    /** Take the server offline anyway, interrupting the sessions left (the guards still hold). */
    FORCE,
    /** Stop the rollout, leaving that server paused. */
    ABORT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OnTimeout> parse(String text) {
        for (OnTimeout t : values()) {
            if (t.name().equalsIgnoreCase(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
