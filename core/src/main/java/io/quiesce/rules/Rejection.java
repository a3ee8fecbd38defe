package io.quiesce.rules;

import java.util.Objects;

/**
 * A refused command: a stable code and one sentence a person can act on.
 */
public record Rejection(RejectionCode code, String message) {
    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
