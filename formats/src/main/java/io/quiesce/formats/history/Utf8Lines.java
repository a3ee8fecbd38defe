package io.quiesce.formats.history;

import io.quiesce.history.*;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a JSON Lines byte stream: each ends at '\n' (a '\r' before it is dropped) and is
 * decoded from UTF-8 on its own. A reader that decodes ahead in blocks would fail on a bad byte
 * lines before the one that holds it, and report the wrong line.
 */
final class Utf8Lines {
    private final InputStream in;
    private final String source;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int number;

    Utf8Lines(InputStream in, String source) {
        this.in = new BufferedInputStream(in);
        this.source = source;
    }

    /** The next line, or null at the end. */
    String next() throws IOException {
        int b = in.read();
        if (b == -1) {
            return null;
        }
        line.reset();
        while (b != -1 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        number++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new HistoryException(source, number, "not UTF-8 text");
        }
    }
}
