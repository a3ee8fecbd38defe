package io.quiesce.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as operators read them: instants in ISO-8601 UTC to the second, offsets into a run as a clock face. */
public final class Times {
    private Times() {
    }

    public static String format(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Time into a simulated run, as "04:30" or "1:04:30". */
    public static String elapsed(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
                : String.format("%02d:%02d", s / 60, s % 60);
    }

    /** The same, as a story's lines start: "[04:30]". */
    public static String offset(Duration d) {
        return "[" + elapsed(d) + "]";
    }
}
