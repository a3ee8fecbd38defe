package io.quiesce.formats.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import io.quiesce.formats.json.JsonText;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One JSON parser that reads line after line of a file, each given to it when it asks for more:
 * making a parser for every line costs about as much as the parse of a short line. It sees only
 * the line it is given (asking for more within a line finds the end of the input), so a line
 * cannot run into the next. After a line that it did not read to its end cleanly, it is dropped
 * and the next line gets a new one.
 */
final class LineParser {
    private static final OutputStream NOWHERE = OutputStream.nullOutputStream();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = Utf8Lines.LOW_BITS * '"';
    private static final long SPACES = Utf8Lines.LOW_BITS * ' ';
    private static final long HIGH_BITS = Utf8Lines.HIGH_BITS;

    private final Feed feed = new Feed();
    private JsonParser parser;

    /**
     * A parser about to read this line's first token; null when the line's first bytes look to
     * Jackson like another encoding than UTF-8 (NUL bytes), for the line's own parser to judge.
     */
    JsonParser of(byte[] bytes, int start, int length) {
        if (parser == null) {
            feed.given = 0;
        }
        feed.line(bytes, start, length);
        if (parser == null) {
            // made on its first line: it reads the first bytes to tell the encoding
            parser = JsonText.parser(feed);
            if (!(parser instanceof UTF8StreamJsonParser)) {
                drop();
            }
        }
        return parser;
    }

    /**
     * After the line's value was read: whether the line held nothing more, not even white space.
     * If it did, or the value was not read to its end, the parser is not fit for the next line:
     * call {@link #drop()}.
     */
    boolean whole() throws IOException {
        return feed.remaining == 0 && parser.getParsingContext().inRoot() && parser.releaseBuffered(NOWHERE) == 0;
    }

    /**
     * Where the characters of the string value the parser is at start in {@link #bytes()}, without
     * the parser reading them; -1 when the byte before is not the value's opening quote. The value
     * is for the caller to read, and its end to find: when the line is ASCII without escapes, its
     * bytes are its characters. A string left unread costs the parser a skip, not a copy.
     */
    int stringStart() {
        // a string's token offset is the byte after its opening quote (also after a field name)
        long offset = ((ParserBase) parser).getTokenCharacterOffset() - feed.lineGiven;
        int at = feed.start + (int) offset;
        return offset > 0 && offset <= feed.end - feed.start && feed.bytes[at - 1] == '"' ? at : -1;
    }

    /**
     * Where the string value whose characters start at {@code start} ends: the index of its closing
     * quote in {@link #bytes()}; -1 when a control character (which a string may not hold) comes
     * first, or the line ends. For ASCII lines without escapes. Eight bytes at a time, as
     * {@link Utf8Lines} looks for a line's end: every string of a long history is looked at here.
     */
    int stringEnd(int start) {
        byte[] bytes = feed.bytes;
        int end = feed.end;
        int i = start;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            // ASCII: a byte below ' ' borrows into its high bit, as a zero byte does in Utf8Lines
            long stops = Utf8Lines.zeroBytes(word ^ QUOTES) | (word - SPACES) & ~word & HIGH_BITS;
            if (stops != 0) {
                int at = i + (Long.numberOfTrailingZeros(stops) >>> 3);
                return bytes[at] == '"' ? at : -1;
            }
        }
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b == '"' || b < ' ') {
                return b == '"' ? i : -1;
            }
        }
        return -1;
    }

    /**
     * Whether the string value whose characters start at {@code start} is {@code text}: those
     * bytes, then its closing quote. No need to find its end first.
     */
    boolean stringIs(int start, byte[] text) {
        byte[] bytes = feed.bytes;
        int n = text.length;
        if (start + n >= feed.end || bytes[start + n] != '"') {
            return false;
        }
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            if ((long) LONGS.get(text, i) != (long) LONGS.get(bytes, start + i)) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (text[i] != bytes[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** The bytes that hold the current line, from {@link #stringStart()} to {@link #end()}. */
    byte[] bytes() {
        return feed.bytes;
    }

    /** Where the current line ends in {@link #bytes()}. */
    int end() {
        return feed.end;
    }

    /** Forgets the parser, if there is one: the next line gets a new one. */
    void drop() {
        if (parser == null) {
            return;
        }
        try {
            parser.close();
        } catch (IOException e) {
            // it reads from memory: there is nothing to fail
        }
        parser = null;
    }

    /** The bytes of the current line, once; then the end of the input. */
    private static final class Feed extends InputStream {
        private byte[] bytes;
        private int start;
        private int end;
        private int next;
        private int remaining;
        /** The bytes given to the parser since it was made, as it counts its offsets. */
        private long given;
        /** {@link #given} when the current line started. */
        private long lineGiven;

        void line(byte[] bytes, int start, int length) {
            this.bytes = bytes;
            this.start = start;
            this.end = start + length;
            this.next = start;
            this.remaining = length;
            this.lineGiven = given;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = Math.min(length, remaining);
            System.arraycopy(bytes, next, into, offset, n);
            next += n;
            remaining -= n;
            given += n;
            return n;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            given++;
            return bytes[next++] & 0xFF;
        }
    }
}
