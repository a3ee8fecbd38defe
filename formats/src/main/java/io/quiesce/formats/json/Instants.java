package io.quiesce.formats.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

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
        // a character beyond Latin-1 becomes '?', which no written instant holds
        return s.length() < MIN_LENGTH ? null : written(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
    }

    /**
     * The instant in the ASCII bytes {@code bytes[offset, offset + length)} when it has the form
     * Quiesce writes, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, read as {@link Instant#parse} reads
     * it; null for anything else, which only the general parser can judge (it may still be an
     * instant). For readers that hold a line's bytes and want no string made of them.
     */
    public static Instant written(byte[] bytes, int offset, int length) {
        long minute = minute(bytes, offset, length);
        return minute == NO_MINUTE ? null : inMinute(minute, bytes, offset, length);
    }

    /**
     * Reads instants as {@link #written} does, and remembers the minute of the last one: the
     * times of a history's lines come in order, many to a minute, and then only the seconds are
     * read. One per reader: it is not for sharing between threads.
     */
    public static final class Reader {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);

        /** The 16 bytes of the last minute, {@code yyyy-MM-ddTHH:mm}, as two longs. */
        private long lastDate;
        private long lastTime;
        private long lastMinuteSeconds = NO_MINUTE;

        /** The same as {@link Instants#written}. */
        public Instant written(byte[] bytes, int offset, int length) {
            if (lastMinuteSeconds != NO_MINUTE && length >= MIN_LENGTH
                    && (long) LONGS.get(bytes, offset) == lastDate && (long) LONGS.get(bytes, offset + 8) == lastTime) {
                return inMinute(lastMinuteSeconds, bytes, offset, length);
            }
            long minute = minute(bytes, offset, length);
            if (minute == NO_MINUTE) {
                return null;
            }
            lastDate = (long) LONGS.get(bytes, offset);
            lastTime = (long) LONGS.get(bytes, offset + 8);
            lastMinuteSeconds = minute;
            return inMinute(minute, bytes, offset, length);
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
    private static long minute(byte[] bytes, int o, int n) {
        if (n < MIN_LENGTH || bytes[o + 4] != '-' || bytes[o + 7] != '-' || bytes[o + 10] != 'T'
                || bytes[o + 13] != ':') {
            return NO_MINUTE;
        }
        int year = digits(bytes, o, 4);
        int month = digits(bytes, o + 5, 2);
        int day = digits(bytes, o + 8, 2);
        int hour = digits(bytes, o + 11, 2);
        int minute = digits(bytes, o + 14, 2);
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
    private static Instant inMinute(long minute, byte[] bytes, int o, int n) {
        int second = digits(bytes, o + 17, 2);
        if (bytes[o + 16] != ':' || bytes[o + n - 1] != 'Z' || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > MIN_LENGTH) {
            int fraction = n - 21;
            if (bytes[o + 19] != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(bytes, o + 20, fraction);
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
    private static int digits(byte[] bytes, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            byte c = bytes[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
