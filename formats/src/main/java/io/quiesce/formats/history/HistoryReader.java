package io.quiesce.formats.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quiesce.event.Event;
import io.quiesce.formats.json.JsonException;
import io.quiesce.formats.json.JsonText;
import io.quiesce.formats.json.ShapeException;
import io.quiesce.formats.json.StrictObject;
import io.quiesce.history.HistoryException;
import io.quiesce.history.HistoryLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads a history file one line at a time, so a file of any length replays in bounded memory.
 * Blank lines are skipped; a byte order mark before the first line is ignored. A line that is not
 * a valid event or command stops the reading with a {@link HistoryException} naming the file and
 * line.
 */
public final class HistoryReader implements Iterable<HistoryLine> {
    /** Moves to the next line and decodes it; null at the end of the text. */
    private interface Lines {
        HistoryLine next(String source, String adminGroup) throws IOException;
    }

    private final Lines lines;
    private final String source;
    private final String adminGroup;

    /** Lines of text already decoded by the caller, split as {@link BufferedReader#readLine()} splits them. */
    public HistoryReader(BufferedReader reader, String source, String adminGroup) {
        this(textLines(reader), source, adminGroup);
    }

    private HistoryReader(Lines lines, String source, String adminGroup) {
        this.lines = lines;
        this.source = source;
        this.adminGroup = adminGroup;
    }

    /**
     * Lines of a JSON Lines file as bytes: each is checked as UTF-8 on its own, so that bytes that
     * are not UTF-8 are reported on the line that holds them. ASCII lines are parsed straight from
     * the read buffer, by one parser for the whole file; event lines as Quiesce writes them are
     * decoded without a detour (see {@link WrittenEventLine}).
     */
    public static HistoryReader ofUtf8(InputStream in, String source, String adminGroup) {
        return new HistoryReader(new BytesLines(new Utf8Lines(in, source)), source, adminGroup);
    }

    /**
     * The lines of a byte stream. A line goes the cheapest way that can read it; any line that
     * way cannot read whole (a fault included) is read again on its own with a parser of its own,
     * as {@link #parse(String, int, String, String)} reads it, so that the outcome and every
     * message are those of the one general reading.
     */
    private static final class BytesLines implements Lines {
        private final Utf8Lines utf8;
        private final LineParser parser = new LineParser();
        private final WrittenEventLine written = new WrittenEventLine();
        private int number;
        /** Whether the last line was a written event, so the next one probably is too. */
        private boolean events = true;

        BytesLines(Utf8Lines utf8) {
            this.utf8 = utf8;
        }

        @Override
        public HistoryLine next(String source, String adminGroup) throws IOException {
            while (utf8.next()) {
                number++;
                if (utf8.ascii()) {
                    if (!blank(utf8.bytes(), utf8.start(), utf8.length())) {
                        HistoryLine line = shared(source, adminGroup);
                        return line != null ? line
                                : parse(utf8.bytes(), utf8.start(), utf8.length(), number, source, adminGroup);
                    }
                } else {
                    String text = utf8.text();
                    if (!text.isBlank()) {
                        return parse(text, number, source, adminGroup);
                    }
                }
            }
            // its buffers go back to Jackson's pool
            parser.drop();
            return null;
        }

        /** The line read by the shared parser; null when it must be read on its own. */
        private HistoryLine shared(String source, String adminGroup) throws IOException {
            JsonParser p = parser.of(utf8.bytes(), utf8.start(), utf8.length());
            if (p == null) {
                return null;
            }
            try {
                if (events) {
                    Event event = written.decode(parser, p);
                    if (event != null && parser.whole()) {
                        return new HistoryLine.EventLine(number, event);
                    }
                    // a command line, most likely: those that follow are read the general way
                    events = event != null;
                    parser.drop();
                    return null;
                }
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    parser.drop();
                    return null;
                }
                StrictObject object = StrictObject.read(p, "the line");
                if (!parser.whole()) {
                    parser.drop();
                    return null;
                }
                HistoryLine line = decode(object, number, source, adminGroup);
                events = line instanceof HistoryLine.EventLine;
                return line;
            } catch (JsonProcessingException e) {
                parser.drop();
                return null;
            }
        }
    }

    private static Lines textLines(BufferedReader reader) {
        int[] number = {0};
        return (source, adminGroup) -> {
            String text;
            while ((text = reader.readLine()) != null) {
                number[0]++;
                if (number[0] == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (!text.isBlank()) {
                    return parse(text, number[0], source, adminGroup);
                }
            }
            return null;
        };
    }

    /** Decodes one line of text; {@code number} is its line number, for messages. */
    public static HistoryLine parse(String text, int number, String source, String adminGroup) {
        try (JsonParser p = JsonText.parser(text)) {
            return line(p, number, source, adminGroup);
        } catch (JsonProcessingException e) {
            throw new HistoryException(source, number, "not valid JSON: " + JsonException.of(e, text).getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes one line of ASCII bytes. */
    private static HistoryLine parse(byte[] bytes, int start, int length, int number, String source,
                                     String adminGroup) {
        try (JsonParser p = JsonText.parser(bytes, start, length)) {
            return line(p, number, source, adminGroup);
        } catch (JsonProcessingException e) {
            // again from text, so that the message counts columns as an editor does
            return parse(new String(bytes, start, length, java.nio.charset.StandardCharsets.US_ASCII), number,
                    source, adminGroup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HistoryLine line(JsonParser p, int number, String source, String adminGroup) throws IOException {
        JsonToken first = JsonText.first(p);
        if (first != JsonToken.START_OBJECT) {
            JsonText.value(p, first);
            JsonText.end(p);
            throw new HistoryException(source, number, "a line must be a JSON object");
        }
        StrictObject line = StrictObject.read(p, "the line");
        JsonText.end(p);
        return decode(line, number, source, adminGroup);
    }

    /** The command or event of a line's object. */
    private static HistoryLine decode(StrictObject line, int number, String source, String adminGroup) {
        try {
            if (line.has("command")) {
                return new HistoryLine.CommandLine(number, CommandCodec.decode(line, adminGroup, number));
            }
            if (line.has("type")) {
                return new HistoryLine.EventLine(number, EventCodec.decode(line));
            }
            throw new LineFormatException("a line needs a \"type\" (an event) or a \"command\"");
        } catch (LineFormatException | ShapeException e) {
            throw new HistoryException(source, number, e.getMessage());
        }
    }

    /** Only the ASCII characters {@link String#isBlank()} counts as white space. */
    private static boolean blank(byte[] bytes, int start, int length) {
        for (int i = start; i < start + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && (b < 0x09 || b > 0x0D) && (b < 0x1C || b > 0x1F)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Iterator<HistoryLine> iterator() {
        return new Iterator<>() {
            private HistoryLine next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (done) {
                    return false;
                }
                try {
                    next = lines.next(source, adminGroup);
                } catch (IOException e) {
                    throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
                }
                done = next == null;
                return !done;
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
