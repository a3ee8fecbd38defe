package io.quiesce.formats.history;

import io.quiesce.history.*;
import io.quiesce.formats.json.Json;
import io.quiesce.formats.json.JsonException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a history file one line at a time, so a file of any length replays in bounded memory.
 * Blank lines are skipped. A line that is not a valid event or command stops the reading with a
 * {@link HistoryException} naming the file and line.
 */
public final class HistoryReader implements Iterable<HistoryLine> {
    /** The next line without its end, or null at the end of the text. */
    private interface Lines {
        String next() throws IOException;
    }

    private final Lines lines;
    private final String source;
    private final String adminGroup;

    /** Lines of text already decoded by the caller, split as {@link BufferedReader#readLine()} splits them. */
    public HistoryReader(BufferedReader reader, String source, String adminGroup) {
        this(reader::readLine, source, adminGroup);
    }

    private HistoryReader(Lines lines, String source, String adminGroup) {
        this.lines = lines;
        this.source = source;
        this.adminGroup = adminGroup;
    }

    /**
     * Lines of a JSON Lines file as bytes: each is decoded on its own, so that bytes that are not
     * UTF-8 are reported on the line that holds them.
     */
    public static HistoryReader ofUtf8(InputStream in, String source, String adminGroup) {
        return new HistoryReader(new Utf8Lines(in, source)::next, source, adminGroup);
    }

    /** Decodes one line of text; {@code number} is its line number, for messages. */
    public static HistoryLine parse(String text, int number, String source, String adminGroup) {
        Object value;
        try {
            value = Json.parse(text);
        } catch (JsonException e) {
            throw new HistoryException(source, number, "not valid JSON: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new HistoryException(source, number, "a line must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> line = (Map<String, Object>) map;
        try {
            if (line.containsKey("command")) {
                return new HistoryLine.CommandLine(number, CommandCodec.decode(line, adminGroup, number));
            }
            if (line.containsKey("type")) {
                return new HistoryLine.EventLine(number, EventCodec.decode(line));
            }
            throw new LineFormatException("a line needs a \"type\" (an event) or a \"command\"");
        } catch (LineFormatException e) {
            throw new HistoryException(source, number, e.getMessage());
        }
    }

    @Override
    public Iterator<HistoryLine> iterator() {
        return new Iterator<>() {
            private int number;
            private HistoryLine next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                try {
                    String text;
                    while ((text = lines.next()) != null) {
                        number++;
                        if (!text.isBlank()) {
                            next = parse(text, number, source, adminGroup);
                            return true;
                        }
                    }
                    return false;
                } catch (IOException e) {
                    throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
                }
            }

            @Override
            public HistoryLine next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                HistoryLine line = next;
                next = null;
                return line;
            }
        };
    }
}
