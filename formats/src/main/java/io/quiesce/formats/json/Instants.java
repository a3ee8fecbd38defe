package io.quiesce.formats.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;

/**
 * ISO-8601 instants as {@link Instant#parse} reads them, with a fast path for the one form
 * Quiesce writes ({@code 2026-11-26T10:00:00.080Z}): {@code Instant.parse} goes through a
 * general formatter and costs more than the rest of a history line.
 */
public final class Instants {
    private static final long DAYS_0000_TO_1970 = 719_528;
    /** The shortest written instant: {@code yyyy-MM-ddTHH:mm:ssZ}. */
    private static final int MIN_LENGTH = 20;
    /** What {@link #minute} gives for text that does not start with a minute in the written form. */
    private static final long NO_MINUTE = Long.MIN_VALUE;

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
        return s.length() < MIN_LENGTH ? null : written(s.toCharArray(), 0, s.length());
    }

    /**
     * The instant in {@code chars[offset, offset + length)} when it has the form Quiesce writes,
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, read as {@link Instant#parse} reads it; null for
     * anything else, which only the general parser can judge (it may still be an instant). For
     * readers that hold a parser's characters and want no string made of them.
     */
    public static Instant written(char[] chars, int offset, int length) {
        long minute = minute(chars, offset, length);
        return minute == NO_MINUTE ? null : inMinute(minute, chars, offset, length);
    }

    /**
     * Reads instants as {@link #written} does, and remembers the minute of the last one: the
     * times of a history's lines come in order, many to a minute, and then only the seconds are
     * read. One per reader: it is not for sharing between threads.
     */
    public static final class Reader {
        private static final int MINUTE_CHARS = 16;

        private final char[] lastMinute = new char[MINUTE_CHARS];
        private long lastMinuteSeconds = NO_MINUTE;

        /** The same as {@link Instants#written}. */
        public Instant written(char[] chars, int offset, int length) {
            if (lastMinuteSeconds != NO_MINUTE && length >= MIN_LENGTH
                    && Arrays.equals(lastMinute, 0, MINUTE_CHARS, chars, offset, offset + MINUTE_CHARS)) {
                return inMinute(lastMinuteSeconds, chars, offset, length);
            }
            long minute = minute(chars, offset, length);
            if (minute == NO_MINUTE) {
                return null;
            }
            System.arraycopy(chars, offset, lastMinute, 0, MINUTE_CHARS);
            lastMinuteSeconds = minute;
            return inMinute(minute, chars, offset, length);
        }
    }

    /** The longest text {@link #write} makes: {@code yyyy-MM-ddTHH:mm:ss.fffffffffZ}. */
    public static final int MAX_WRITTEN = 30;

    /**
     * Writes {@code instant} as {@link Instant#toString} does, in ASCII bytes into {@code to} from
     * {@code at} (with room for {@link #MAX_WRITTEN}), and says how many; -1, having written nothing,
     * for a year outside 0 to 9999, which only {@code toString} writes. {@code toString} goes through a
     * general formatter, and the journal writes an instant in every event.
     */
    public static int write(Instant instant, byte[] to, int at) {
        long second = instant.getEpochSecond();
        long day = Math.floorDiv(second, 86_400);
        int ofDay = (int) Math.floorMod(second, 86_400);
        // Days to a civil date (proleptic Gregorian), in 400-year eras that start on March 1st.
        long z = day + DAYS_0000_TO_1970 - 60;
        long era = Math.floorDiv(z, 146_097);
        int ofEra = (int) (z - era * 146_097);
        int yearOfEra = (ofEra - ofEra / 1_460 + ofEra / 36_524 - ofEra / 146_096) / 365;
        int dayOfYear = ofEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int shiftedMonth = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        long year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9_999) {
            return -1;
        }
        put(to, at, (int) year, 4);
        to[at + 4] = '-';
        put(to, at + 5, month, 2);
        to[at + 7] = '-';
        put(to, at + 8, dayOfMonth, 2);
        to[at + 10] = 'T';
        put(to, at + 11, ofDay / 3_600, 2);
        to[at + 13] = ':';
        put(to, at + 14, ofDay / 60 % 60, 2);
        to[at + 16] = ':';
        put(to, at + 17, ofDay % 60, 2);
        int n = at + 19;
        int nanos = instant.getNano();
        if (nanos != 0) {
            // As many digits as needed, in groups of three.
            int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            to[n++] = '.';
            put(to, n, digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos, digits);
            n += digits;
        }
        to[n++] = 'Z';
        return n - at;
    }

    private static void put(byte[] to, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            to[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The epoch second that starts the minute {@code yyyy-MM-ddTHH:mm} at {@code o}, when the text
     * is long enough to be a written instant; {@link #NO_MINUTE} otherwise.
     */
    private static long minute(char[] chars, int o, int n) {
        if (n < MIN_LENGTH || chars[o + 4] != '-' || chars[o + 7] != '-' || chars[o + 10] != 'T'
                || chars[o + 13] != ':') {
            return NO_MINUTE;
        }
        int year = digits(chars, o, 4);
        int month = digits(chars, o + 5, 2);
        int day = digits(chars, o + 8, 2);
        int hour = digits(chars, o + 11, 2);
        int minute = digits(chars, o + 14, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || day > 28 && day > lengthOfMonth(year, month)) {
            return NO_MINUTE;
        }
        return epochDay(year, month, day) * 86_400 + hour * 3_600L + minute * 60L;
    }

    /**
     * The instant that the text's end, {@code :ss[.f{1,9}]Z}, places after the start of
     * {@code minute}; null when the end is not in that form.
     */
    private static Instant inMinute(long minute, char[] chars, int o, int n) {
        int second = digits(chars, o + 17, 2);
        if (chars[o + 16] != ':' || chars[o + n - 1] != 'Z' || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > MIN_LENGTH) {
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
        return Instant.ofEpochSecond(minute + second, nanos);
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
