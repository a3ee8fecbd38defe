package io.quiesce.benchmarks;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
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
 *
 * <p>Each benchmark runs in a JVM of its own, started with this one's {@code -X} options and
 * {@code quiesce.bench} properties, as a user's program or command would: run one after the other in
 * one JVM, each found the heap and the compiled code of those before it.
 * {@code -Dquiesce.bench.fork=false} runs them all in this JVM.
 */
public final class RunAll {
    /** Set in a benchmark's own JVM: which one it runs. */
    private static final String CHILD = Settings.PREFIX + "child";
    /** Where a benchmark's own JVM writes its {@link Report.Section}. */
    private static final String SECTION = Settings.PREFIX + "section";

    private RunAll() {
    }

    static List<Benchmark> all() {
        return List.of(new SessionChurn(), new AdminLatency(), new Recovery(), new ReplayThroughput(),
                new CommandLineStatus(), new SessionMemory(), new Simulate(), new AgentCheck(), new ClusterFailover());
    }

    public static void main(String[] args) throws IOException {
        String child = System.getProperty(CHILD);
        if (child != null) {
            runChild(child, Settings.fromSystemProperties());
            return;
        }
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
        boolean fork = Boolean.parseBoolean(System.getProperty(Settings.PREFIX + "fork", "true"));
        try {
            for (Benchmark b : all()) {
                if (!only.isEmpty() && !only.contains(b.id())) {
                    continue;
                }
                Machine.flushWrites();
                System.out.printf(Locale.ROOT, "%s %s (load %s)...%n", b.id(), b.title(), Machine.loadAverage());
                Report.Section section = fork ? forked(b, settings, work) : run(b, settings, work);
                sections.add(section);
                for (Figure f : section.figures()) {
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

    /** Runs {@code b} in this JVM. */
    private static Report.Section run(Benchmark b, Settings settings, Path work) {
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
        return new Report.Section(b.id(), b.title(), b.method(), settings.drainUsed(), figures, failure, seconds);
    }

    /** Runs {@code b} in a JVM of its own, its output beside this one's, and reads back what it gave. */
    private static Report.Section forked(Benchmark b, Settings settings, Path work) throws IOException {
        Path section = work.resolve(b.id() + ".section");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") && !a.startsWith("-XX:StartFlightRecording"))
                .forEach(command::add);
        // as they are now: a test sets some while it runs
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(Settings.PREFIX)).sorted()
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.addAll(List.of("-D" + CHILD + "=" + b.id(), "-D" + SECTION + "=" + section,
                "-D" + Settings.PREFIX + "smoke=" + settings.smoke(),
                "-D" + Settings.PREFIX + "dir=" + work, "-cp", System.getProperty("java.class.path"),
                RunAll.class.getName()));
        long t = System.nanoTime();
        try {
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit == 0 && Files.exists(section)) {
                try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(section))) {
                    return (Report.Section) in.readObject();
                }
            }
            return new Report.Section(b.id(), b.title(), b.method(), "", List.of(), "its JVM exited with " + exit,
                    (System.nanoTime() - t) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + b.id() + " ran", e);
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read what " + b.id() + " gave", e);
        }
    }

    /** In a benchmark's own JVM: runs it and writes its section where the harness reads it. */
    private static void runChild(String id, Settings settings) throws IOException {
        Benchmark b = all().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no benchmark " + id));
        Path work = Path.of(System.getProperty(Settings.PREFIX + "dir"));
        Report.Section section = run(b, settings, work);
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(
                Path.of(System.getProperty(SECTION))))) {
            out.writeObject(section);
        }
        // the benchmarks' own threads (actor systems closed, pools) must not keep this JVM waiting
        System.exit(0);
    }
}
