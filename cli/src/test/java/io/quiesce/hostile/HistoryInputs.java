package io.quiesce.hostile;

import io.quiesce.catalog.Catalog;
import io.quiesce.auth.Authorization;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.formats.history.CommandCodec;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.formats.json.JsonText;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * History files (docs/behaviour.md): the sample incidents as command lines, as the event lines that their
 * commands record, and half one half the other, damaged line by line, byte by byte, or shuffled.
 */
final class HistoryInputs {
    /**
     * A history file as its lines (without their ends), and the first line that differs from the
     * valid history it was made from (1 when it is made up, one past the end when none differs):
     * no line before it can be at fault.
     */
    record Input(List<byte[]> lines, String lineEnd, int firstChanged) {
        byte[] bytes() {
            return prefix(lines.size());
        }

        /** The first {@code n} lines, each with its end. */
        byte[] prefix(int n) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < n; i++) {
                out.writeBytes(lines.get(i));
                out.writeBytes(lineEnd.getBytes(StandardCharsets.US_ASCII));
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                b.append(String.format("%n    %3d: ", i + 1)).append(Printable.escaped(
                        new String(lines.get(i), StandardCharsets.UTF_8)));
            }
            return "(first changed line " + firstChanged + ")" + b;
        }
    }

    private static final List<String> WORDS = List.of("at", "type", "command", "pool", "server", "service", "by",
            "reason", "deadline", "force", "forced", "session", "feature", "id", "as", "groups", "dnsLoadBalancing",
            "on", "role", "coreService", "services", "from", "to", "cause", "pauseCleared", "createPool",
            "setDnsLoadBalancing", "addServer", "pause", "resume", "start", "stop", "startup", "restart", "connect",
            "end", "PoolCreated", "ServerAdded", "ServicePaused", "ServiceDrained", "ServiceStopped",
            "ServerRestarted", "ServiceRestarted", "SessionStarted", "SessionEnded", "SessionInterrupted",
            "DrainDeadlinePassed", "StartupTypeChanged", "ConnectionLost", "pool1", "fe01", "fe09", "RTCSRV",
            "Lync Server Front-End", "calls", "call-park", "call-1", "manual", "DISABLED", "OFFLINE", "RUNNING",
            "FORCED_STOP", "Administrators", "2026-11-20T22:00:00Z", "1970-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z", "PT99999999999H",
            "P106751991167300D", "PT-5M", "PT0S", "PT0.000000001S");

    private static final int MAX_LINES = 30;
    /** WORDS starts with the format's field names. */
    private static final int FIELDS = 25;

    private final List<List<String>> bases = new ArrayList<>();

    HistoryInputs(Path incidents) {
        try (var files = Files.list(incidents)) {
            for (Path file : files.sorted().toList()) {
                List<String> commands = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
                bases.add(commands);
                bases.add(shortened(recorded(commands, commands.size())));
                bases.add(shortened(recorded(commands, commands.size() / 2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replay takes milliseconds per dozen lines: the start of a long history shows as much, sooner. */
    private static List<String> shortened(List<String> lines) {
        return lines.subList(0, Math.min(lines.size(), MAX_LINES));
    }

    /** The first {@code n} command lines as the events they record, then the other command lines as they are. */
    private static List<String> recorded(List<String> commandLines, int n) {
        Rules rules = new Rules(Catalog.defaults(), Authorization.defaults());
        Deployment state = Deployment.empty();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < commandLines.size(); i++) {
            if (i >= n) {
                lines.add(commandLines.get(i));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> line = (Map<String, Object>) JsonText.parse(commandLines.get(i));
            Command command = CommandCodec.decode(line, Authorization.DEFAULT_ADMIN_GROUP, i + 1);
            if (rules.decide(state, command) instanceof Decision.Accepted a) {
                state = state.evolve(a.events());
                a.events().stream().map(EventCodec::line).forEach(lines::add);
            }
        }
        return lines;
    }

    Input next(SplittableRandom r) {
        List<String> base = Mutations.pick(bases, r);
        List<byte[]> lines = new ArrayList<>(base.stream().map(HistoryInputs::utf8).toList());
        int k = r.nextInt(lines.size());
        switch (r.nextInt(14)) {
            case 0, 1, 2, 3 -> lines.set(k, utf8(new JsonMutations(r, WORDS).damage(JsonText.parse(base.get(k)),
                    1 + r.nextInt(2))));
            case 4, 5 -> lines.set(k, utf8(damaged(base.get(k), 1 + r.nextInt(3), r)));
            case 6 -> moved(lines, k, r);
            case 7 -> lines.add(k, utf8(Mutations.pick(List.of("", " \t ", "[]", "\"line\"", "42", "null", "{}",
                    Mutations.deepNesting(r), "\uFEFF" + base.get(k), base.get(k) + base.get(k)), r)));
            case 8 -> lines.set(k, Mutations.invalidUtf8(base.get(k), r));
            case 9 -> {
                lines.subList(k + 1, lines.size()).clear();
                lines.set(k, utf8(base.get(k).substring(0, r.nextInt(base.get(k).length() + 1))));
            }
            case 10 -> lines.set(k, utf8(Mutations.shuffleTokens(base.get(k), r)));
            case 11, 12 -> lines.set(k, utf8(withField(base.get(k), r)));
            default -> {
                return new Input(made(r), "\n", 1);
            }
        }
        String end = r.nextInt(5) == 0 ? "\r\n" : "\n";
        List<byte[]> onDisk = splitAtNewlines(lines);
        return new Input(onDisk, end, firstDifference(base, onDisk));
    }

    /** Values at the edges of what a field takes: times at the ends of Instant's range, durations past it. */
    private static final Map<String, List<Object>> EDGES = Map.of(
            "at", List.<Object>of("+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
                    "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-02-30T00:00:00Z",
                    "2026-11-20T22:00:00+01:00"),
            "deadline", List.<Object>of("P106751991167300D", "PT99999999999H", "PT9223372036854775807S", "PT0S",
                    "-PT5M", "PT0.000000001S", "P300D", "+1000000000-12-31T23:59:59.999999999Z",
                    "-1000000000-01-01T00:00:00Z"),
            "groups", List.<Object>of(List.of(), List.of(""), List.of("administrators"), "Administrators"),
            "services", List.<Object>of(List.of(), List.of("Lync Server Front-End", "Lync Server Front-End"),
                    List.of("x")),
            "from", List.<Object>of("OFFLINE", "automatic", "nonsense"),
            "to", List.<Object>of("PAUSING", "DISABLED", "nonsense"),
            "cause", List.<Object>of("RESTART", "DRAIN_DEADLINE", "nonsense"));

    /** The line with one of the format's fields set to a value at its edges, or of the wrong kind or size. */
    private static String withField(String line, SplittableRandom r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) JsonText.parse(line);
        String field = Mutations.pick(WORDS.subList(0, FIELDS), r);
        Object value = switch (r.nextInt(5)) {
            case 0, 1 -> EDGES.containsKey(field) ? Mutations.pick(EDGES.get(field), r) : Mutations.pick(WORDS, r);
            case 2 -> Mutations.pick(WORDS, r);
            case 3 -> Mutations.oddValue(r);
            default -> Mutations.pick(Arrays.asList(true, null, 0L, -1L, List.of(), List.of("fe01"), Map.of()), r);
        };
        fields.put(field, value);
        return JsonText.write(fields);
    }

    private static void moved(List<byte[]> lines, int k, SplittableRandom r) {
        int other = r.nextInt(lines.size());
        switch (r.nextInt(3)) {
            case 0 -> {
                byte[] line = lines.get(k);
                lines.set(k, lines.get(other));
                lines.set(other, line);
            }
            case 1 -> lines.remove(k);
            default -> lines.add(k, lines.get(other));
        }
    }

    private static String damaged(String text, int times, SplittableRandom r) {
        for (int i = 0; i < times; i++) {
            text = Mutations.damage(text, r);
        }
        return text;
    }

    /** Lines made up of the format's words, with plausible and implausible values. */
    private static List<byte[]> made(SplittableRandom r) {
        List<byte[]> lines = new ArrayList<>();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder("{");
            int fields = r.nextInt(7);
            for (int f = 0; f < fields; f++) {
                b.append(f == 0 ? "" : ",").append(JsonText.write(Mutations.pick(WORDS, r))).append(':')
                        .append(r.nextBoolean() ? JsonText.write(Mutations.pick(WORDS, r)) : Mutations.hugeNumber(r));
            }
            lines.add(utf8(b.append('}').toString()));
        }
        return lines;
    }

    /** A damage may put a newline inside a line: the lines are then those a reader of the file sees. */
    private static List<byte[]> splitAtNewlines(List<byte[]> lines) {
        List<byte[]> split = new ArrayList<>();
        for (byte[] line : lines) {
            int from = 0;
            for (int i = 0; i <= line.length; i++) {
                if (i == line.length || line[i] == '\n') {
                    split.add(Arrays.copyOfRange(line, from, i));
                    from = i + 1;
                }
            }
        }
        return split;
    }

    /** 1-based number of the first line that differs, one past the end when none does. */
    private static int firstDifference(List<String> base, List<byte[]> lines) {
        int i = 0;
        while (i < base.size() && i < lines.size() && Arrays.equals(lines.get(i), utf8(base.get(i)))) {
            i++;
        }
        return i + 1;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
