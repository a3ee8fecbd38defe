package io.quiesce.properties;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A property that did not hold.
 *
 * @param check   which check failed ("I4", "R9", "REFINEMENT", ...); shrinking keeps it
 * @param message what was seen, for a person
 */
record Failure(String check, String message) {
    /** The first of the checks that fails, in order; later ones are not run. */
    @SafeVarargs
    static Optional<Failure> first(Supplier<Optional<Failure>>... checks) {
        for (Supplier<Optional<Failure>> check : checks) {
            Optional<Failure> f = check.get();
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    static Optional<Failure> of(String check, String message) {
        return Optional.of(new Failure(check, message));
    }

    /** An exception where none was expected, with where it was thrown. */
    static Failure thrown(RuntimeException e) {
        StringBuilder where = new StringBuilder(e.toString());
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(6, trace.length); i++) {
            where.append("\n        at ").append(trace[i]);
        }
        return new Failure("EXCEPTION", where.toString());
    }

    @Override
    public String toString() {
        return check + ": " + message;
    }
}
