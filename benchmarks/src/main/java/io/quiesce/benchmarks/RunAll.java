package io.quiesce.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every benchmark (or those of {@code -Dquiesce.bench.only=B1,B3}) and writes the markdown
 * table to {@code -Dquiesce.bench.out} (default {@code docs/benchmarks.md} under
 * {@code -Dquiesce.bench.root}, default the working directory). Scratch data goes under
 * {@code -Dquiesce.bench.dir} (default a new temporary directory, deleted at the end).
 */
public final class RunAll {
    private RunAll() {
    }

    static List<Benchmark> all() {
        return List.of(new SessionChurn(), new AdminLatency(), new Recovery(), new ReplayThroughput(),
                new CommandLineStatus(), new SessionMemory(), new Simulate(), new AgentCheck(), new ClusterFailover());
    }

    public static void main(String[] args) throws IOException {
        Result result = run(Settings.fromSystemProperties());
        System.out.println("wrote " + result.out());
        if (result.sections().stream().anyMatch(s -> s.failure() != null)) {
            System.exit(1);
        }
    }

    record Result(Path out, List<Report.Section> sections) {
    }

    static Result run(Settings settings) throws IOException {
        Path root = Path.of(System.getProperty(Settings.PREFIX + "root", "")).toAbsolutePath();
        Path out = root.resolve(System.getProperty(Settings.PREFIX + "out", "docs/benchmarks.md"));
        String dirProperty = System.getProperty(Settings.PREFIX + "dir");
        Path work = dirProperty != null ? Files.createDirectories(Path.of(dirProperty).toAbsolutePath())
                : Files.createTempDirectory("quiesce-bench");
        Set<String> only = Arrays.stream(System.getProperty(Settings.PREFIX + "only", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String loadBefore = Machine.loadAverage();
        long start = System.nanoTime();
        List<Report.Section> sections = new ArrayList<>();
        try {
            for (Benchmark b : all()) {
                if (!only.isEmpty() && !only.contains(b.id())) {
                    continue;
                }
                Machine.flushWrites();
                System.out.printf(Locale.ROOT, "%s %s (load %s)...%n", b.id(), b.title(), Machine.loadAverage());
                long t = System.nanoTime();
                List<Figure> figures = List.of();
                String failure = null;
                try {
                    figures = b.run(settings, work);
                } catch (Exception | Error e) {
                    e.printStackTrace();
                    failure = e.toString();
                }
                double seconds = (System.nanoTime() - t) / 1e9;
                sections.add(new Report.Section(b, settings.drainUsed(), figures, failure, seconds));
                for (Figure f : figures) {
                    System.out.printf(Locale.ROOT, "  %-60s %14s  [%s – %s] %s%n", f.name(),
                            Report.number(f.summary().median()), Report.number(f.summary().min()),
                            Report.number(f.summary().max()), f.unit());
                }
            }
        } finally {
            if (dirProperty == null && !Boolean.getBoolean(Settings.PREFIX + "keep")) {
                Work.delete(work);
            }
        }
        double total = (System.nanoTime() - start) / 1e9;
        String command = System.getProperty(Settings.PREFIX + "command", "benchmarks/run-all.sh");
        String md = Report.markdown(date, command, Machine.describe(), Machine.jvm(), loadBefore,
                Machine.loadAverage(), total, settings.smoke(), sections);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md);
        return new Result(out, sections);
    }
}
