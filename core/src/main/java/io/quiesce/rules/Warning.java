package io.quiesce.rules;

import java.util.Objects;

/** Something the operator should know about an accepted (or planned) command. */
public record Warning(WarningCode code, String message) {
    public Warning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
