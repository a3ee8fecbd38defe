package io.quiesce.formats.history;

import io.quiesce.history.HistoryException;

import java.io.IOException;
import java.io.InputStream;
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

    Utf8Lines(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Moves to the next line; false at the end. */
    boolean next() throws IOException {
        int scanned = position;
        while (true) {
            int newline = indexOf((byte) '\n', scanned, limit);
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
        if (number == 1 && end - start >= 3 && buffer[start] == (byte) 0xEF && buffer[start + 1] == (byte) 0xBB
                && buffer[start + 2] == (byte) 0xBF) {
            start += 3;
        }
        int stop = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
        length = stop - start;
        position = next;
        ascii = true;
        for (int i = start; i < stop; i++) {
            if (buffer[i] < 0) {
                ascii = false;
                text(); // refuses bytes that are not UTF-8 on this line
                break;
            }
        }
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

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
