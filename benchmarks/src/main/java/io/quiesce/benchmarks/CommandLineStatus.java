package io.quiesce.benchmarks;

import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
                + " class path of this JVM is used instead. Then the same calls through a server: `quiesce serve` holds"
                + " the directory (its own process, started before and stopped after the runs) and each call finds it"
                + " through serve.json and asks it over HTTP: `java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar"
                + " ... status`, the same with a class-data archive (AppCDS) of the classes such a call loads, made by"
                + " one call with `-XX:ArchiveClassesAtExit`, and the launcher (which makes and uses such an archive"
                + " itself). `runs` measured runs after one discarded";
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
            rows.addAll(throughServer(settings, java, jar, launcher, data, root, work, warmups, runs));
        } else {
            rows.add(Figure.of(id(), "`java -cp ... QuiesceCli status`", "s",
                    times(List.of(java, "-cp", System.getProperty("java.class.path"), "io.quiesce.cli.QuiesceCli",
                            "status", "--data", data.toString()), root, work, warmups, runs),
                    "no shaded jar at " + jar + ": class path of the harness"));
        }
        return rows;
    }

    /** The same call answered by a running server: the client loads no actor system and opens no journal. */
    private List<Figure> throughServer(Settings settings, String java, Path jar, Path launcher, Path data, Path root,
                                       Path work, int warmups, int runs) throws IOException, InterruptedException {
        // A copy of the jar for the server, so that a rebuild of the jar under it cannot take it down.
        Path serverJar = work.resolve("b5-serve.jar");
        Files.copy(jar, serverJar, StandardCopyOption.REPLACE_EXISTING);
        Process serve = new ProcessBuilder(java, "-jar", serverJar.toString(), "serve", "--data", data.toString(),
                "--listen", "127.0.0.1:0").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(work.resolve("b5-serve.txt").toFile()).start();
        try {
            Path serveJson = data.resolve("serve.json");
            for (int i = 0; i < 1200 && !Files.exists(serveJson); i++) {
                if (!serve.isAlive()) {
                    throw new IllegalStateException("quiesce serve exited with " + serve.exitValue() + ": "
                            + Files.readString(work.resolve("b5-serve.txt")));
                }
                Thread.sleep(100);
            }
            List<String> fast = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
            List<Figure> rows = new ArrayList<>();
            List<String> call = new ArrayList<>(fast);
            call.addAll(List.of("-jar", jar.toString(), "status", "--data", data.toString()));
            rows.add(Figure.of(id(), "`status` through a server, C1 + SerialGC", "s",
                    times(call, root, work, warmups, runs), "the client loads no Pekko and no LevelDB"));
            Path archive = work.resolve("b5-client.jsa");
            Files.deleteIfExists(archive);
            List<String> train = new ArrayList<>(fast);
            train.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", "-jar", jar.toString(),
                    "status", "--data", data.toString()));
            times(train, root, work, 0, 1);
            List<String> cds = new ArrayList<>(fast);
            cds.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:disable", "-jar", jar.toString(), "status",
                    "--data", data.toString()));
            rows.add(Figure.of(id(), "`status` through a server, C1 + SerialGC + AppCDS", "s",
                    times(cds, root, work, warmups, runs), "archive made by one call beforehand"));
            if (!settings.smoke() && Files.isExecutable(launcher)) {
                rows.add(Figure.of(id(), "`./quiesce status` through a server", "s",
                        times(List.of(launcher.toString(), "status", "--data", data.toString()), root, work,
                                Math.max(warmups, 1), runs), "the launcher's own archive"));
            }
            return rows;
        } finally {
            serve.destroy();
            if (!serve.waitFor(60, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
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
