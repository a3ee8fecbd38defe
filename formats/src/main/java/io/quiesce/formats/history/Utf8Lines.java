package io.quiesce.formats.history;

import io.quiesce.history.HistoryException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a JSON Lines byte stream: each ends at '\n' (a '\r' before it is dropped) and is
 * checked as UTF-8 on its own. A reader that decodes ahead in blocks would fail on a bad byte
 * lines before the one that holds it, and report the wrong line. A byte order mark before the
 * first line, as Windows editors write, is skipped.
 *
 * <p>The current line stays in the buffer ({@link #bytes()}, {@link #start()}, {@link #length()})
 * until the next call, so that a JSON parser can read it without a copy.
 */
final class Utf8Lines {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long LOW_BITS = 0x0101010101010101L;
    static final long HIGH_BITS = 0x8080808080808080L;
    private static final long NEWLINES = LOW_BITS * '\n';

    private final InputStream in;
    private final String source;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean atEnd;
    private int number;
    private int start;
    private int length;
    private boolean ascii;
    /** The bytes of the line so far, or-ed together: whether one is above ASCII. */
    private long seenBits;

    Utf8Lines(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Moves to the next line; false at the end. */
    boolean next() throws IOException {
        int scanned = position;
        seenBits = 0;
        while (true) {
            int newline = scan(scanned, limit);
            if (newline >= 0) {
                take(newline, newline + 1);
                return true;
            }
            if (atEnd) {
                if (position < limit) {
                    take(limit, limit);
                    return true;
                }
                return false;
            }
            scanned = limit - position;
            fill();
            scanned += position;
        }
    }

    byte[] bytes() {
        return buffer;
    }

    int start() {
        return start;
    }

    int length() {
        return length;
    }

    /** Whether the line is all ASCII: then it needs no decoding to be read. */
    boolean ascii() {
        return ascii;
    }

    /** The line as text. */
    String text() {
        try {
            return utf8.decode(ByteBuffer.wrap(buffer, start, length)).toString();
        } catch (CharacterCodingException e) {
            throw new HistoryException(source, number, "not UTF-8 text");
        }
    }

    private void take(int end, int next) {
        number++;
        start = position;
        int stop = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
        if (number == 1 && end - start >= 3 && buffer[start] == (byte) 0xEF && buffer[start + 1] == (byte) 0xBB
                && buffer[start + 2] == (byte) 0xBF) {
            start += 3;
            // the scan saw the mark's bytes: look at the rest again
            seenBits = 0;
            scan(start, stop);
        }
        length = stop - start;
        position = next;
        ascii = (seenBits & HIGH_BITS) == 0;
        if (!ascii) {
            text(); // refuses bytes that are not UTF-8 on this line
        }
    }

    /**
     * The index of the first '\n' in {@code [from, to)}, or -1; notes on the way whether the
     * bytes before it hold a byte above ASCII. Eight bytes at a time: the bytes of a long history
     * are looked at here first, each of them.
     */
    private int scan(int from, int to) {
        int i = from;
        long seen = seenBits;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(buffer, i);
            long newlines = zeroBytes(word ^ NEWLINES);
            if (newlines != 0) {
                seenBits = seen | word & (1L << Long.numberOfTrailingZeros(newlines)) - 1 >>> 7;
                return i + (Long.numberOfTrailingZeros(newlines) >>> 3);
            }
            seen |= word;
        }
        for (; i < to; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                seenBits = seen;
                return i;
            }
            seen |= b & 0xFF;
        }
        seenBits = seen;
        return -1;
    }

    /**
     * The high bit of each byte of {@code x} that is zero, and none of those below the lowest
     * zero byte (above it, some may be set wrongly: callers look only below it).
     */
    static long zeroBytes(long x) {
        return (x - LOW_BITS) & ~x & HIGH_BITS;
    }

    /** Keeps the unread part, growing the buffer when one line fills it, and reads more. */
    private void fill() throws IOException {
        int unread = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, unread);
        } else if (unread == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        position = 0;
        limit = unread;
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            atEnd = true;
        } else {
            limit += n;
        }
    }

}
