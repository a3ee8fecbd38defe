package io.quiesce.benchmarks;

import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** B5: wall time of {@code quiesce status} as a new process, JVM start included. */
final class CommandLineStatus implements Benchmark {
    @Override
    public String id() {
        return "B5";
    }

    @Override
    public String title() {
        return "command line status";
    }

    @Override
    public String method() {
        return "A data directory with a pool of `servers` servers and `sessions` open sessions, written through the"
                + " API. Each run starts a new process, from `ProcessBuilder.start` to its exit (output discarded):"
                + " `java -jar cli/target/quiesce.jar status --data DIR` with the JVM's defaults, and the"
                + " `./quiesce` launcher (bash, its is-the-jar-stale `find`, then `java -XX:TieredStopAtLevel=1"
                + " -XX:+UseSerialGC -jar ...`). Without the shaded jar (a build that stopped before `package`) the"
                + " class path of this JVM is used instead. `runs` measured runs after one discarded";
    }

    @Override
    public List<Figure> run(Settings settings, Path work) throws Exception {
        int servers = settings.integer("b5.servers", 10, 2);
        int sessions = settings.integer("b5.sessions", 100, 4);
        int runs = settings.integer("b5.runs", 10, 1);
        int warmups = settings.warmups("b5", 1);
        Path root = Path.of(System.getProperty(Settings.PREFIX + "root", "")).toAbsolutePath();
        Path jar = Path.of(System.getProperty(Settings.PREFIX + "jar",
                root.resolve("cli/target/quiesce.jar").toString()));
        Path launcher = root.resolve("quiesce");

        Path data = Work.fresh(work, "b5");
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(data))) {
            Operator op = q.as(Pools.ADMIN);
            Pools.create(op, servers);
            for (int i = 0; i < sessions; i++) {
                Pools.accepted(op.connect(Pools.POOL, Pools.FEATURES.get(i % Pools.FEATURES.size()), "s" + i));
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Figure> rows = new ArrayList<>();
        if (Files.isRegularFile(jar)) {
            rows.add(Figure.of(id(), "`java -jar quiesce.jar status`", "s",
                    times(List.of(java, "-jar", jar.toString(), "status", "--data", data.toString()), root, work,
                            warmups, runs), ""));
            // The launcher rebuilds a stale jar with Maven: never in the build's smoke test.
            if (!settings.smoke() && Files.isExecutable(launcher)) {
                rows.add(Figure.of(id(), "`./quiesce status`", "s",
                        times(List.of(launcher.toString(), "status", "--data", data.toString()), root, work,
                                warmups, runs), ""));
            }
        } else {
            rows.add(Figure.of(id(), "`java -cp ... QuiesceCli status`", "s",
                    times(List.of(java, "-cp", System.getProperty("java.class.path"), "io.quiesce.cli.QuiesceCli",
                            "status", "--data", data.toString()), root, work, warmups, runs),
                    "no shaded jar at " + jar + ": class path of the harness"));
        }
        return rows;
    }

    private static double[] times(List<String> command, Path root, Path work, int warmups, int runs)
            throws IOException, InterruptedException {
        double[] seconds = new double[runs];
        File errors = work.resolve("b5-stderr.txt").toFile();
        for (int i = -warmups; i < runs; i++) {
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 300 s");
            }
            long t1 = System.nanoTime();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + Files.readString(errors.toPath()));
            }
            if (i >= 0) {
                seconds[i] = (t1 - t0) / 1e9;
            }
        }
        return seconds;
    }
}
