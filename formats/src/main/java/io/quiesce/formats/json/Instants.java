package io.quiesce.formats.json;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * ISO-8601 instants as {@link Instant#parse} reads them, with a fast path for the one form
 * Quiesce writes ({@code 2026-11-26T10:00:00.080Z}): {@code Instant.parse} goes through a
 * general formatter and costs more than the rest of a history line.
 */
public final class Instants {
    private static final long DAYS_0000_TO_1970 = 719_528;

    private Instants() {
    }

    /** The instant, or null when {@code text} is not one. */
    static Instant parse(String text) {
        Instant fast = fast(text);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant fast(String s) {
        return s.length() < 20 ? null : written(s.toCharArray(), 0, s.length());
    }

    /**
     * The instant in {@code chars[offset, offset + length)} when it has the form Quiesce writes,
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, read as {@link Instant#parse} reads it; null for
     * anything else, which only the general parser can judge (it may still be an instant). For
     * readers that hold a parser's characters and want no string made of them.
     */
    public static Instant written(char[] chars, int offset, int length) {
        int n = length;
        int o = offset;
        if (n < 20 || chars[o + 4] != '-' || chars[o + 7] != '-' || chars[o + 10] != 'T' || chars[o + 13] != ':'
                || chars[o + 16] != ':' || chars[o + n - 1] != 'Z') {
            return null;
        }
        int year = digits(chars, o, 4);
        int month = digits(chars, o + 5, 2);
        int day = digits(chars, o + 8, 2);
        int hour = digits(chars, o + 11, 2);
        int minute = digits(chars, o + 14, 2);
        int second = digits(chars, o + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (chars[o + 19] != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(chars, o + 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > 28 && day > lengthOfMonth(year, month)) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400 + hour * 3_600L + minute * 60L + second,
                nanos);
    }

    /** Days since 1970-01-01, counted as {@link java.time.LocalDate#toEpochDay()} counts them, for years 0 to 9999. */
    private static long epochDay(int year, int month, int day) {
        long days = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400 + (367 * month - 362) / 12
                + day - 1;
        if (month > 2) {
            days -= leap(year) ? 1 : 2;
        }
        return days - DAYS_0000_TO_1970;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean leap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(char[] chars, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = chars[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
