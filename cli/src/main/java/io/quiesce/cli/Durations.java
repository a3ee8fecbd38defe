package io.quiesce.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators type them: ISO-8601 ({@code PT30M}) or short ({@code 90s}, {@code 30m}, {@code 1h30m}). */
public final class Durations implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(?:\\d+[dhms])+");
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw malformed(text);
            }
        }
        if (!SHORT.matcher(t).matches()) {
            throw malformed(text);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(t);
        try {
            while (part.find()) {
                long n = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw malformed(text);
        }
        return total;
    }

    /** "2m30s", the way the short form writes it. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0 || b.length() == 0) {
            b.append(s % 60).append('s');
        }
        return b.toString();
    }

    private static TypeConversionException malformed(String text) {
        return new TypeConversionException("'" + text + "' is not a duration: use ISO-8601 such as PT30M,"
                + " or a short form such as 90s, 30m, 2h, 1h30m");
    }

    @Override
    public Duration convert(String value) {
        return parse(value);
    }
}
