package io.quiesce.formats.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import io.quiesce.formats.json.JsonText;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One JSON parser that reads line after line of a file, each given to it when it asks for more:
 * making a parser for every line costs about as much as the parse of a short line. It sees only
 * the line it is given (asking for more within a line finds the end of the input), so a line
 * cannot run into the next. After a line that it did not read to its end cleanly, it is dropped
 * and the next line gets a new one.
 *
 * <p>It is Jackson's UTF-8 parser with a way into its buffer: a string value can be read from the
 * parser's bytes by the caller, then stepped over, so the parser neither copies its characters
 * nor looks at them again.
 */
final class LineParser {
    private static final Factory FACTORY = new Factory();
    private static final OutputStream NOWHERE = OutputStream.nullOutputStream();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = Utf8Lines.LOW_BITS * '"';
    private static final long BACKSLASHES = Utf8Lines.LOW_BITS * '\\';
    private static final long SPACES = Utf8Lines.LOW_BITS * ' ';
    private static final long HIGH_BITS = Utf8Lines.HIGH_BITS;
    /** What {@link #stringEnd} finds for a string that holds an escape or a control character. */
    static final int ESCAPED = -2;

    private final Feed feed = new Feed();
    private Parser parser;

    /** A parser about to read this line's first token. */
    JsonParser of(byte[] bytes, int start, int length) {
        feed.line(bytes, start, length);
        if (parser == null) {
            parser = FACTORY.parser(feed);
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
     * Where the characters of the string value the parser is at start in {@link #bytes()}, not read
     * by the parser yet; -1 when it read them already. The value is for the caller to read, its end
     * to find, and then to {@link #skipTo} past it: when the line is ASCII and the value holds no
     * escape, its bytes are its characters. The parser's buffer may end within the value (a line longer than it):
     * then its end is not found there, and the caller reads the value from the parser.
     */
    int stringStart() {
        return parser.stringStart();
    }

    /**
     * Where the string value whose characters start at {@code start} ends: the index of its closing
     * quote in {@link #bytes()}; {@link #ESCAPED} when a backslash (an escape: then its bytes are not
     * its characters) or a control character (which a string may not hold) comes first; -1 when the
     * buffer ends first. For ASCII lines. Eight bytes at a time, as {@link Utf8Lines} looks for a
     * line's end: every string of a long history is looked at here.
     */
    int stringEnd(int start) {
        byte[] bytes = parser.buffer();
        int end = parser.bufferEnd();
        int i = start;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            // ASCII: a byte below ' ' borrows into its high bit, as a zero byte does in Utf8Lines
            long stops = Utf8Lines.zeroBytes(word ^ QUOTES) | Utf8Lines.zeroBytes(word ^ BACKSLASHES)
                    | (word - SPACES) & ~word & HIGH_BITS;
            if (stops != 0) {
                int at = i + (Long.numberOfTrailingZeros(stops) >>> 3);
                return bytes[at] == '"' ? at : ESCAPED;
            }
        }
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b == '"' || b == '\\' || b < ' ') {
                return b == '"' ? i : ESCAPED;
            }
        }
        return -1;
    }

    /**
     * Whether the string value whose characters start at {@code start} is {@code text}: those
     * bytes, then its closing quote (in the buffer). No need to find its end first.
     */
    boolean stringIs(int start, byte[] text) {
        byte[] bytes = parser.buffer();
        int n = text.length;
        return start + n < parser.bufferEnd() && bytes[start + n] == '"' && same(bytes, start, text);
    }

    /**
     * Whether the bytes from {@code start} are {@code text} (there are as many). Eight at a time, the
     * last eight (or four) overlapping those before rather than compared one by one:
     * {@link Arrays#equals} costs more for a name of a few bytes than the comparison.
     */
    static boolean same(byte[] bytes, int start, byte[] text) {
        int n = text.length;
        if (n >= Long.BYTES) {
            for (int i = 0; i < n - Long.BYTES; i += Long.BYTES) {
                if ((long) LONGS.get(text, i) != (long) LONGS.get(bytes, start + i)) {
                    return false;
                }
            }
            return (long) LONGS.get(text, n - Long.BYTES) == (long) LONGS.get(bytes, start + n - Long.BYTES);
        }
        if (n >= Integer.BYTES) {
            return (int) INTS.get(text, 0) == (int) INTS.get(bytes, start)
                    && (int) INTS.get(text, n - Integer.BYTES) == (int) INTS.get(bytes, start + n - Integer.BYTES);
        }
        for (int i = 0; i < n; i++) {
            if (text[i] != bytes[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** The string value the parser is at, read by the parser: for one that does not end in its buffer. */
    String text() throws IOException {
        return parser.getText();
    }

    /** Steps the parser over the string value it is at, whose closing quote is at {@code closingQuote}. */
    void skipTo(int closingQuote) {
        parser.skipTo(closingQuote);
    }

    /** The parser's buffer, which holds the current line (or a part of it) from {@link #stringStart()} on. */
    byte[] bytes() {
        return parser.buffer();
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

    /** Jackson's factory, set up as every other parser of Quiesce's JSON is, making {@link Parser}s. */
    private static final class Factory extends JsonFactory {
        Factory() {
            super(JsonText.settings(), null);
        }

        Parser parser(InputStream in) {
            try {
                return (Parser) createParser(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * UTF-8 without looking at the first bytes for another encoding: the lines given are ASCII
         * (a line with a NUL byte fails to parse, and its own parser reads it again).
         */
        @Override
        protected JsonParser _createParser(InputStream in, IOContext context) {
            return new Parser(context, _parserFeatures, in, _objectCodec,
                    _byteSymbolCanonicalizer.makeChild(_factoryFeatures));
        }
    }

    /** Jackson's UTF-8 parser, with its buffer open to read a string value and step over it. */
    private static final class Parser extends UTF8StreamJsonParser {
        Parser(IOContext context, int features, InputStream in, ObjectCodec codec, ByteQuadsCanonicalizer names) {
            super(context, features, in, codec, names, context.allocReadIOBuffer(), 0, 0, true);
        }

        /** After a string's opening quote the parser stops, its characters left for later: where they start. */
        int stringStart() {
            return _currToken == JsonToken.VALUE_STRING && _tokenIncomplete ? _inputPtr : -1;
        }

        void skipTo(int closingQuote) {
            _inputPtr = closingQuote + 1;
            _tokenIncomplete = false;
        }

        byte[] buffer() {
            return _inputBuffer;
        }

        int bufferEnd() {
            return _inputEnd;
        }
    }

    /** The bytes of the current line, once; then the end of the input. */
    private static final class Feed extends InputStream {
        private byte[] bytes;
        private int next;
        private int remaining;

        void line(byte[] bytes, int start, int length) {
            this.bytes = bytes;
            this.next = start;
            this.remaining = length;
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
            return n;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return bytes[next++] & 0xFF;
        }
    }
}
