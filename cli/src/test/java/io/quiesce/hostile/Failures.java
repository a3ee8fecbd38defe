package io.quiesce.hostile;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An unexpected throwable in a failure message: its type, message and the frames that matter. */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable e) {
        String frames = Arrays.stream(e.getStackTrace()).limit(12).map(f -> "      at " + f)
                .collect(Collectors.joining("\n"));
        String cause = e.getCause() == null ? "" : "\n    caused by " + e.getCause();
        return e.getClass().getName() + ": " + Printable.escaped(String.valueOf(e.getMessage())) + cause + "\n"
                + frames;
    }
}
