package io.quiesce.cli;

import io.quiesce.rules.PauseDeadline;
import io.quiesce.rules.Rejection;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/**
 * {@code pause --deadline}: a duration of {@link Durations} within the core's bound
 * ({@link PauseDeadline}), checked before the data directory is opened: one out of range is bad
 * usage, with the same sentence the library and a replay give.
 */
final class PauseDeadlines implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration deadline = Durations.parse(value);
        Rejection outOfRange = PauseDeadline.refusal(deadline);
        if (outOfRange != null) {
            throw new TypeConversionException("'" + value + "': " + outOfRange.message());
        }
        return deadline;
    }
}
