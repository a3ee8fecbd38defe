package io.quiesce.formats.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import io.quiesce.formats.json.JsonText;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One JSON parser that reads line after line of a file, each given to it when it asks for more:
 * making a parser for every line costs about as much as the parse of a short line. It sees only
 * the line it is given (asking for more within a line finds the end of the input), so a line
 * cannot run into the next. After a line that it did not read to its end cleanly, it is dropped
 * and the next line gets a new one.
 */
final class LineParser {
    private static final OutputStream NOWHERE = OutputStream.nullOutputStream();

    private final Feed feed = new Feed();
    private JsonParser parser;

    /**
     * A parser about to read this line's first token; null when the line's first bytes look to
     * Jackson like another encoding than UTF-8 (NUL bytes), for the line's own parser to judge.
     */
    JsonParser of(byte[] bytes, int start, int length) {
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
