package io.quiesce.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** B7: {@code quiesce simulate} end to end, as a new process on a new data directory, fsync on. */
final class Simulate implements Benchmark {
    private static final Pattern COUNT = Pattern.compile("\"(started|ended)\":(\\d+)");

    @Override
    public String id() {
        return "B7";
    }

    @Override
    public String title() {
        return "simulate end to end";
    }

    @Override
    public String method() {
        return "Each run starts `java -jar cli/target/quiesce.jar --json simulate pool1 --duration DURATION --rate"
                + " `rate` --seed 42` on a new data directory (fsync on, the default) and times it from"
                + " `ProcessBuilder.start` to its exit, JVM start and opening included. Events/s counts the"
                + " sessions it reports started and ended (one event each) over that wall time; a 3-hour run at"
                + " the same rate is about 432,000 such events. Without the shaded jar the class path of this JVM"
                + " is used. `runs` measured runs after `warmups` discarded";
    }

    @Override
    public List<Figure> run(Settings settings, Path work) throws Exception {
        String duration = settings.text("b7.duration", "10m", "20s");
        int rate = settings.integer("b7.rate", 20, 5);
        int runs = settings.integer("b7.runs", 3, 1);
        int warmups = settings.warmups("b7", 1);
        Path root = Path.of(System.getProperty(Settings.PREFIX + "root", "")).toAbsolutePath();
        Path jar = root.resolve("cli/target/quiesce.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> launch = Files.isRegularFile(jar) ? List.of(java, "-jar", jar.toString())
                : List.of(java, "-cp", System.getProperty("java.class.path"), "io.quiesce.cli.QuiesceCli");

        double[] seconds = new double[runs];
        double[] events = new double[runs];
        for (int i = -warmups; i < runs; i++) {
            Path data = Work.fresh(work, "b7-" + (i + warmups));
            List<String> command = new ArrayList<>(launch);
            command.addAll(List.of("--as", "admin", "--groups", "Administrators", "--data", data.toString(),
                    "--json", "simulate", "pool1", "--duration", duration, "--rate", Integer.toString(rate),
                    "--seed", "42"));
            File out = work.resolve("b7-stdout.txt").toFile();
            File errors = work.resolve("b7-stderr.txt").toFile();
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).directory(root.toFile()).redirectOutput(out)
                    .redirectError(errors).start();
            if (!p.waitFor(1800, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 1800 s");
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + Files.readString(errors.toPath()));
            }
            if (i >= 0) {
                seconds[i] = wall;
                events[i] = recorded(out.toPath()) / wall;
            }
        }
        String size = "--duration " + duration + " --rate " + rate;
        return List.of(Figure.of(id(), "`simulate " + size + "`, wall time", "s", seconds, ""),
                Figure.of(id(), "`simulate " + size + "`, sessions started and ended", "events/s", events,
                        "a 3-hour run at rate 20 (432,000 events) would take 432,000 / this"));
    }

    private static long recorded(Path json) throws IOException {
        long sum = 0;
        Matcher m = COUNT.matcher(Files.readString(json));
        while (m.find()) {
            sum += Long.parseLong(m.group(2));
        }
        return sum;
    }
}
