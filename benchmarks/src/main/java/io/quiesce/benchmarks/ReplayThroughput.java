package io.quiesce.benchmarks;

import io.quiesce.catalog.Catalog;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.formats.history.CommandCodec;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.formats.history.ReadAhead;
import io.quiesce.history.HistoryLine;
import io.quiesce.history.Replay;
import io.quiesce.history.ReplayResult;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** B4: replaying a long JSON Lines history with the pure engine, beside bare parsing of the same file. */
final class ReplayThroughput implements Benchmark {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final JsonFactory STREAMING = new JsonFactory();
    private final Rules rules = new Rules(Catalog.defaults(), Authorization.defaults());
    private String files = "";

    @Override
    public String id() {
        return "B4";
    }

    @Override
    public String title() {
        return "replay";
    }

    @Override
    public String method() {
        return "Two files, generated as in `LongHistoryTest` (a pool of 3 servers, then sessions opened and ended"
                + " so that 300–600 stay open): `lines` lines of the events the rules decide, one event line each"
                + " (what `quiesce history --export` writes), and `commandLines` lines of the same history as command"
                + " lines (what a hand-written scenario holds; fewer, to keep the whole run near 15"
                + " minutes: deciding is slower than folding). Each iteration reads the file from the page cache:"
                + " `new Replay(rules).run(new ReadAhead(HistoryReader.ofUtf8(...)))`, the whole engine as `quiesce replay`"
                + " runs it (read, parse and decode on a second thread; check or decide, findings, timeline); the `HistoryReader` alone (Jackson's"
                + " streaming parser and the line codecs, no replay); a bare Jackson streaming parse of the same file"
                + " (one `JsonParser` over the file's bytes, every token read and every string value's text taken:"
                + " the least any reader of these lines must do); and Jackson's tree model, `ObjectMapper.readTree`"
                + " per line, as this benchmark measured the bare parse before. The engine and the bare parse run"
                + " in turns, the order switched each time (engine then parse, parse then engine, ...), and their"
                + " ratio is the median of each engine pass over the parse next to it: this machine has slow spells"
                + " of a few seconds, and passes measured far apart could fall in different ones. The replay"
                + " without reading: the file's lines decoded into memory first (a list of `HistoryLine`s, not timed), then"
                + " `new Replay(rules).run(list)` timed, so the checking, folding, findings and timeline are"
                + " measured apart from the reader" + files;
    }

    @Override
    public List<Figure> run(Settings settings, Path work) throws Exception {
        int lines = settings.integer("b4.lines", 1_000_000, 3_000);
        int commandLines = settings.integer("b4.commandLines", 250_000, 3_000);
        // Two passes discarded: on two busy cores the first pass of a fresh JVM ran at a fifth of full speed and
        // the second at about half while the JIT compiled, and with three measured passes the median could be one.
        int warmups = settings.warmups("b4", 2);
        int iterations = settings.iterations("b4", 5);
        Path dir = Work.fresh(work, "b4");
        Path events = dir.resolve("events.jsonl");
        Path commands = dir.resolve("commands.jsonl");
        generate(lines, events, null);
        generate(commandLines, null, commands);
        files = String.format(Locale.ROOT, ". Files: events %s, commands %s",
                Work.megabytes(Files.size(events)), Work.megabytes(Files.size(commands)));

        List<Figure> rows = new ArrayList<>();
        for (Path file : List.of(events, commands)) {
            int count = file == events ? lines : commandLines;
            String kind = String.format(Locale.ROOT, "%,d %s", count, file == events ? "event lines" : "command lines");
            double[][] inTurns = inTurns(file, count, warmups, iterations, this::replay, ReplayThroughput::streaming);
            Figure engine = Figure.of(id(), "replay engine, " + kind, "lines/s", inTurns[0], "");
            Figure fold = fold(file, kind, count, warmups, iterations);
            Figure reader = Figure.of(id(), "HistoryReader alone (parse + decode), " + kind, "lines/s",
                    rates(file, count, warmups, iterations, ReplayThroughput::read), "");
            Figure streaming = Figure.of(id(), "bare Jackson streaming parse, " + kind, "lines/s", inTurns[1], "");
            Figure tree = Figure.of(id(), "Jackson readTree per line, " + kind, "lines/s",
                    rates(file, count, warmups, iterations, ReplayThroughput::tree), "");
            rows.add(engine);
            rows.add(fold);
            rows.add(reader);
            rows.add(streaming);
            rows.add(tree);
            double[] ratios = new double[iterations];
            Arrays.setAll(ratios, i -> inTurns[0][i] / inTurns[1][i]);
            rows.add(Figure.of(id(), "replay engine / bare Jackson streaming parse, " + kind, "ratio", ratios,
                    "each engine pass over the bare parse next to it"));
        }
        return rows;
    }

    private long replay(Path file) {
        try (InputStream in = Files.newInputStream(file);
             ReadAhead lines = new ReadAhead(HistoryReader.ofUtf8(in, file.toString(),
                     Authorization.DEFAULT_ADMIN_GROUP))) {
            ReplayResult r = new Replay(rules).run(lines, file.toString(), null);
            if (!r.refusals().isEmpty()) {
                throw new IllegalStateException("replay refused " + r.refusals().get(0));
            }
            return r.lines();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The replay of lines already decoded: what the engine costs beyond reading them. */
    private Figure fold(Path file, String kind, int count, int warmups, int iterations) {
        List<HistoryLine> decoded = new ArrayList<>(count);
        try (InputStream in = Files.newInputStream(file)) {
            HistoryReader.ofUtf8(in, file.toString(), Authorization.DEFAULT_ADMIN_GROUP).forEach(decoded::add);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Figure.of(id(), "replay without reading (lines decoded into memory first), " + kind, "lines/s",
                rates(file, count, warmups, iterations, f -> {
                    ReplayResult r = new Replay(rules).run(decoded, f.toString(), null);
                    if (!r.refusals().isEmpty()) {
                        throw new IllegalStateException("replay refused " + r.refusals().get(0));
                    }
                    return r.lines();
                }), "");
    }

    private static long read(Path file) {
        long n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (var line : HistoryReader.ofUtf8(in, file.toString(), Authorization.DEFAULT_ADMIN_GROUP)) {
                n += line != null ? 1 : 0;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return n;
    }

    /** Every token of the file's lines, one after the other, each string's text taken; counts the lines' objects. */
    private static long streaming(Path file) {
        long n = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser p = STREAMING.createParser(in)) {
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> {
                        if (--depth == 0) {
                            n++;
                        }
                    }
                    case VALUE_STRING -> {
                        if (p.getText() == null) {
                            throw new IllegalStateException("no text");
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return n;
    }

    private static long tree(Path file) {
        return eachLine(file, line -> {
            try {
                return JACKSON.readTree(line) != null ? 1 : 0;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static long eachLine(Path file, ToLongFunction<String> parse) {
        long n = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                n += parse.applyAsLong(line);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return n;
    }

    /**
     * The rates of two passes run in turns, the order switched each time ({@code a b}, {@code b a}, ...): this
     * machine has slow spells of a few seconds, and one pass measured long after the other could fall in one
     * that the other missed. Neither pass runs first each time, so neither has the warmer caches.
     */
    private static double[][] inTurns(Path file, int lines, int warmups, int iterations, ToLongFunction<Path> a,
                                      ToLongFunction<Path> b) {
        double[][] rates = new double[2][iterations];
        for (int i = -warmups; i < iterations; i++) {
            boolean aFirst = Math.floorMod(i, 2) == 0;
            double first = rate(file, lines, aFirst ? a : b);
            double second = rate(file, lines, aFirst ? b : a);
            if (i >= 0) {
                rates[0][i] = aFirst ? first : second;
                rates[1][i] = aFirst ? second : first;
            }
        }
        return rates;
    }

    private static double rate(Path file, int lines, ToLongFunction<Path> pass) {
        long t0 = System.nanoTime();
        long n = pass.applyAsLong(file);
        long t1 = System.nanoTime();
        if (n != lines) {
            throw new IllegalStateException("read " + n + " lines, expected " + lines);
        }
        return n * 1e9 / (t1 - t0);
    }

    private static double[] rates(Path file, int lines, int warmups, int iterations, ToLongFunction<Path> pass) {
        double[] rates = new double[iterations];
        for (int i = -warmups; i < iterations; i++) {
            double rate = rate(file, lines, pass);
            if (i >= 0) {
                rates[i] = rate;
            }
        }
        return rates;
    }

    /** The generator of LongHistoryTest, as events decided by the rules and as the commands themselves. */
    private void generate(int total, Path events, Path commands) throws IOException {
        Principal admin = Principal.of("replay", Authorization.DEFAULT_ADMIN_GROUP);
        Instant start = Instant.parse("2026-11-26T00:00:00Z");
        Deployment state = Deployment.empty();
        long opened = 0;
        long ended = 0;
        try (BufferedWriter ev = events == null ? null : Files.newBufferedWriter(events, StandardCharsets.UTF_8);
             BufferedWriter co = commands == null ? null : Files.newBufferedWriter(commands, StandardCharsets.UTF_8)) {
            for (int n = 1; n <= total; n++) {
                Act act = new Act(admin, start.plusMillis(80L * n), null);
                Command c;
                if (n == 1) {
                    c = new Command.CreatePool("p", true, act);
                } else if (n <= 4) {
                    c = new Command.AddServer("p", "fe0" + (n - 1), null, act);
                } else if (opened - ended < 300 || (n % 2 == 0 && opened - ended < 600)) {
                    c = new Command.Connect("p", n % 3 == 0 ? "im" : "calls", "s" + opened++, act);
                } else {
                    c = new Command.End("s" + ended++, act);
                }
                List<Event> decided = Pools.accepted(rules.decide(state, c)).events();
                if (decided.size() != 1) {
                    throw new IllegalStateException("expected one event for " + c + ", got " + decided);
                }
                state = state.evolve(decided);
                if (ev != null) {
                    ev.write(EventCodec.line(decided.get(0)));
                    ev.newLine();
                }
                if (co != null) {
                    co.write(CommandCodec.line(c));
                    co.newLine();
                }
            }
        }
    }
}
