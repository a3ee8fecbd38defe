package io.quiesce.formats.history;

import com.fasterxml.jackson.core.JsonParser;
import io.quiesce.event.Event;
import io.quiesce.formats.json.JsonText;
import io.quiesce.history.HistoryException;
import io.quiesce.history.HistoryLine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a file's bytes takes shortcuts (one parser for all lines, event lines decoded straight
 * from its tokens); whatever a line holds, the outcome is that of the general reading of the line
 * on its own: the same line, or the same fault with the same message.
 */
class WrittenEventLineTest {
    static final String SOURCE = "h.jsonl";
    static final String EVENT = EventCodec.line(new Event.SessionStarted(HistoryCodecTest.T, "fe01",
            HistoryCodecTest.FE, "s1", "im", "bob"));
    static final String COMMAND = "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"end\",\"session\":\"s1\"}";
    /** Values put in place of a field's own, of every JSON kind and of the kinds the fields take. */
    static final List<String> VALUES = List.of("null", "0", "-1", "7", "2147483648", "1.5", "1e2", "true", "false",
            "\"\"", "\" \"", "\"x\"", "\"RESTART\"", "\"restart\"", "\"manual\"", "\"Offline\"",
            "\"2026-11-26T10:00:00Z\"", "\"2026-11-26T10:00:00.5Z\"", "\"2026-11-26T10:00:00+00:00\"",
            "\"2026-02-30T10:00:00Z\"", "\"\\ud800\"", "\"\\ud83d\\ude00\"", "\"caf\\u00e9\"", "[]", "[\"a\"]",
            "[\" \"]", "[1]", "[\"a\",null]", "{}", "{\"a\":1}");

    @Test
    void everyEventAsWrittenTakesTheShortcutAndReadsAsTheGeneralReadingReadsIt() throws IOException {
        List<Event> events = new ArrayList<>(HistoryCodecTest.oneOfEach());
        // longer than the parser's buffer: its values are found past the first buffer it read
        events.add(longServerAdded());
        events.addAll(HistoryCodecTest.oneOfEach());
        WrittenEventLine written = new WrittenEventLine();
        LineParser lines = new LineParser();
        for (Event e : events) {
            byte[] line = EventCodec.line(e).getBytes(StandardCharsets.US_ASCII);
            JsonParser p = lines.of(line, 0, line.length);

            assertThat(written.decode(lines, p)).as("%s", e).isEqualTo(e);
            assertThat(lines.whole()).isTrue();
        }
    }

    @Test
    void givenLinesChangedInEveryWayThenTheBytesReadAsEachLineOnItsOwn() {
        List<String> variants = variants();
        assertThat(variants).hasSizeGreaterThan(3_000);
        for (String variant : variants) {
            // first in a file (a new parser), after an event line, and after a command line
            for (String before : new String[] {null, EVENT, COMMAND}) {
                Object expected = general(variant, before == null ? 1 : 2);
                Object read = fromBytes(before == null ? variant : before + "\n" + variant);
                assertThat(read).as("%s after %s", variant, before).isEqualTo(expected);
            }
        }
    }

    @Test
    void givenAFileOfMixedLinesThenEachReadsAsOnItsOwnWithItsNumber() {
        List<String> lines = new ArrayList<>();
        for (Event e : HistoryCodecTest.oneOfEach()) {
            String line = EventCodec.line(e);
            lines.add(line);
            lines.add(COMMAND);
            lines.add(line + "  ");
            lines.add("");
            lines.add(line.replace("\"at\"", " \"at\" "));
            lines.add(line.replace("alice", "al\\u0069ce"));
            lines.add(line + "\r");
        }
        String file = String.join("\n", lines);

        List<Object> read = new ArrayList<>();
        HistoryReader.ofUtf8(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), SOURCE, "Administrators")
                .forEach(read::add);

        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                expected.add(general(lines.get(i).replace("\r", ""), i + 1));
            }
        }
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void givenALineLongerThanTheParsersBufferThenItReadsWholeAndSoDoTheLinesAfterIt() {
        String server = EventCodec.line(longServerAdded());
        assertThat(server.length()).isGreaterThan(10_000);
        String file = String.join("\n", EVENT, server, EVENT, server + " ", EVENT);

        List<HistoryLine> read = new ArrayList<>();
        HistoryReader.ofUtf8(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), SOURCE, "Administrators")
                .forEach(read::add);

        assertThat(read).containsExactly((HistoryLine) general(EVENT, 1), (HistoryLine) general(server, 2),
                (HistoryLine) general(EVENT, 3), (HistoryLine) general(server, 4), (HistoryLine) general(EVENT, 5));
    }

    @Test
    void givenALongLineWhoseNamesHoldEscapesThenItReadsAsTheGeneralReadingReadsIt() {
        List<String> services = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            // an escaped quote and backslash on either side of wherever the parser's buffer ends
            services.add(i % 2 == 0 ? "Lync \"Server\" Service " + i : "Lync Server \\ Service " + i);
        }
        String server = EventCodec.line(new Event.ServerAdded(HistoryCodecTest.T, "pool1", "fe01", "frontend",
                services.get(0), services, "alice", null));
        assertThat(server).contains("\\\"").hasSizeGreaterThan(10_000);
        String file = String.join("\n", EVENT, server, EVENT, server);

        List<HistoryLine> read = new ArrayList<>();
        HistoryReader.ofUtf8(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), SOURCE, "Administrators")
                .forEach(read::add);

        assertThat(read).containsExactly((HistoryLine) general(EVENT, 1), (HistoryLine) general(server, 2),
                (HistoryLine) general(EVENT, 3), (HistoryLine) general(server, 4));
        assertThat(((HistoryLine.EventLine) read.get(1)).event()).isInstanceOf(Event.ServerAdded.class)
                .extracting(e -> ((Event.ServerAdded) e).services()).isEqualTo(services);
    }

    @Test
    void givenANameWithAnEscapedQuoteAcrossTheParsersBufferThenALaterLineWithTheQuoteBareIsStillAFault() {
        // the parser reads a line 8,000 bytes at a time: the last service's name spans that point, its
        // escape after it
        String target = "c".repeat(40) + "a\"b";
        String quoted = "c".repeat(40) + "a\\\"b";
        String server = null;
        for (int n = 1; server == null; n++) {
            List<String> services = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                services.add("Lync Server Service " + i);
            }
            services.add(target);
            String line = EventCodec.line(new Event.ServerAdded(HistoryCodecTest.T, "pool1", "fe01", "frontend",
                    services.get(0), services, "alice", null));
            int at = line.indexOf(quoted);
            server = at < 8_000 - 4 && at + 36 > 8_000 ? line : null;
            assertThat(at).isLessThan(8_000);
        }
        String bare = "{\"at\":\"2026-11-26T10:00:00Z\",\"type\":\"ServerAdded\",\"pool\":\"pool1\",\"server\":"
                + "\"fe02\",\"role\":\"frontend\",\"coreService\":\"x\",\"services\":[\"" + target + "\"],\"by\":\"alice\"}";
        String file = String.join("\n", server, bare);

        Object read = fromBytes(file);

        assertThat(read).isEqualTo(general(bare, 2));
        assertThat((String) read).startsWith(SOURCE + ":2: not valid JSON");
    }

    @Test
    void givenALineThatRunsOnToTheNextThenTheFaultIsOnItsFirstLine() {
        String split = EVENT.replace(",\"server\"", ",\n\"server\"");

        Object read = fromBytes(EVENT + "\n" + split + "\n" + EVENT);

        assertThat(read).isEqualTo(general(split.substring(0, split.indexOf('\n')), 2));
        assertThat((String) read).startsWith(SOURCE + ":2: not valid JSON");
    }

    private static Event longServerAdded() {
        List<String> services = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            services.add("Lync Server Service " + i);
        }
        return new Event.ServerAdded(HistoryCodecTest.T, "pool1", "fe01", "frontend", services.get(0), services,
                "alice", null);
    }

    /** The line read on its own, or the message of its fault. */
    static Object general(String text, int number) {
        try {
            return HistoryReader.parse(text, number, SOURCE, "Administrators");
        } catch (HistoryException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** The last line of the file as the bytes reader reads it, or the message of the fault that stopped it. */
    static Object fromBytes(String file) {
        HistoryLine last = null;
        try {
            for (HistoryLine line : HistoryReader.ofUtf8(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                    SOURCE, "Administrators")) {
                last = line;
            }
            return last;
        } catch (HistoryException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** Each event as written, then with each field left out, doubled, or given each of {@link #VALUES}; and more. */
    static List<String> variants() {
        List<Event> events = new ArrayList<>(HistoryCodecTest.oneOfEach());
        events.add(new Event.ServicePaused(HistoryCodecTest.T, "fe01", HistoryCodecTest.FE, null, "alice",
                "a \"quoted\" reason\\ with caf\u00e9 and \uD83D\uDE00"));
        List<String> variants = new ArrayList<>();
        for (Event e : events) {
            String line = EventCodec.line(e);
            variants.add(line);
            variants.add(line + " ");
            variants.add(line + "x");
            variants.add(line + "{}");
            variants.add(line + line);
            variants.add(" " + line);
            variants.add(line.substring(0, line.length() - 1));
            variants.add(line.replace("\"type\":\"", "\"type\":\"X"));
            variants.add(line.replace("\"type\"", "\"command\""));
            variants.add(line.replace("Z\"", "+00:00\""));
            variants.add(line.replace(":", " : "));
            variants.add("[" + line + "]");
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) JsonText.parse(line);
            String type = (String) fields.get("type");
            variants.add(line.replace(type, type.toLowerCase()));
            for (String name : fields.keySet()) {
                String value = JsonText.write(fields.get(name));
                String field = "\"" + name + "\":" + value;
                variants.add(without(fields, name));
                variants.add(line.substring(0, line.length() - 1) + "," + field + "}");
                for (String other : VALUES) {
                    variants.add(line.replace(field, "\"" + name + "\":" + other));
                }
            }
            for (String extra : List.of("by", "reason", "deadline", "forced", "sessions", "cause", "services",
                    "session", "pool", "server", "service", "from", "to", "unknown", "\\u0061t")) {
                for (String other : List.of("null", "\"x\"", "3", "true", "\"2026-11-26T10:00:00Z\"")) {
                    variants.add(line.substring(0, line.length() - 1) + ",\"" + extra + "\":" + other + "}");
                }
            }
        }
        return variants;
    }

    private static String without(Map<String, Object> fields, String name) {
        Map<String, Object> rest = new LinkedHashMap<>(fields);
        rest.remove(name);
        return JsonText.write(rest);
    }

    @Test
    void givenLinesNamingTheSameServerAndServiceThenTheirEventsShareOneStringOfEach() {
        String file = String.join("\n",
                EventCodec.line(new Event.SessionStarted(HistoryCodecTest.T, "fe01", HistoryCodecTest.FE, "s1", "im", "bob")),
                EventCodec.line(new Event.SessionStarted(HistoryCodecTest.T, "fe02", HistoryCodecTest.FE, "s2", "im", "bob")),
                EventCodec.line(new Event.SessionEnded(HistoryCodecTest.T, "fe01", HistoryCodecTest.FE, "s1", "bob")));

        List<Event.ServiceEvent> read = new ArrayList<>();
        HistoryReader.ofUtf8(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), SOURCE, "Administrators")
                .forEach(line -> read.add((Event.ServiceEvent) ((HistoryLine.EventLine) line).event()));

        assertThat(read.get(2).server()).isEqualTo("fe01").isSameAs(read.get(0).server());
        assertThat(read.get(1).server()).isEqualTo("fe02");
        assertThat(read.get(2).service()).isEqualTo(HistoryCodecTest.FE).isSameAs(read.get(0).service())
                .isSameAs(read.get(1).service());
    }

    @Test
    void givenMoreNamesThanTheReaderKeepsThenEachLineStillReadsItsOwn() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // names alike in length and in most characters, so that many meet in one slot
            events.add(new Event.SessionStarted(HistoryCodecTest.T, "fe" + (i % 1_000), "svc" + (i * 7 % 1_000),
                    "s" + i, "f" + (i % 3), "bob" + (i % 11)));
        }
        String file = String.join("\n", events.stream().map(EventCodec::line).toList());

        List<Event> read = new ArrayList<>();
        HistoryReader.ofUtf8(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), SOURCE, "Administrators")
                .forEach(line -> read.add(((HistoryLine.EventLine) line).event()));

        assertThat(read).isEqualTo(events);
    }
}
