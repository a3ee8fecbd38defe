package io.quiesce.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/**
 * {@code pause --deadline}: a duration of {@link Durations}, at most {@link #MAX} away. A deadline
 * is kept as a timer of the library's actor system, which cannot wait much past 248 days: a later
 * one left the data directory stuck, every command timing out. No drain needs a month.
 */
public final class PauseDeadlines implements ITypeConverter<Duration> {
    static final Duration MAX = Duration.ofDays(30);

    /** Null when {@code deadline} is usable, else why not. */
    public static String problem(Duration deadline) {
        return deadline.compareTo(MAX) > 0 ? "a pause deadline is at most 30 days (720h) away" : null;
    }

    @Override
    public Duration convert(String value) {
        Duration deadline = Durations.parse(value);
        String problem = problem(deadline);
        if (problem != null) {
            throw new TypeConversionException("'" + value + "' is too long: " + problem);
        }
        return deadline;
    }
}
