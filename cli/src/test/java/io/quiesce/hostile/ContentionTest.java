package io.quiesce.hostile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, contention: while another process has the data directory open, every command of a
 * second process fails within 2 seconds with exit 5 and one line, and records nothing.
 *
 * <p>DataDirectoryTest holds the lock file from the test's own JVM, where the library meets an
 * OverlappingFileLockException; here the holder is another process that opened the directory with
 * the library, and the second process is both this JVM and a {@code java} process of its own.
 */
class ContentionTest {
    private static final Duration WITHIN = Duration.ofSeconds(2);

    @TempDir
    Path home;

    @Test
    void aSecondProcessFailsAtOnceWithExit5AndRecordsNothing() throws Exception {
        Path data = Deployed.at(home.resolve("data"));
        JournalFingerprint recorded = JournalFingerprint.of(data);
        Map<String, String> shell = Map.of("QUIESCE_DATA", data.toString(), "QUIESCE_GROUPS", "Administrators");
        Process holder = java(HoldDataDirectory.class.getName(), data.toString()).start();
        try {
            String said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(said).as("the holder has the directory").isEqualTo("open " + data);

            for (String[] args : List.of(new String[] {"pause", "fe01", "--force"}, new String[] {"status"},
                    new String[] {"history", "--export", "history.jsonl"},
                    new String[] {"simulate", "pool1", "--duration", "1m"})) {
                long start = System.nanoTime();
                Invocation r = Invocation.run(home, shell, args);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                System.out.println("in use: quiesce " + String.join(" ", args) + " failed in " + took.toMillis()
                        + " ms");
                assertInUse(r, data, took);
            }
            assertSecondJavaProcessInUse(data);
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).as("the holder closes the directory").isTrue();
        }
        assertThat(holder.exitValue()).isZero();
        assertThat(home.resolve("history.jsonl")).doesNotExist();
        assertThat(JournalFingerprint.of(data)).as("nothing recorded while in use").isEqualTo(recorded);
        assertThat(Invocation.run(home, shell, "status").exit()).as("usable again once released").isZero();
    }

    /**
     * The command line as a process of its own, which is what an operator's second shell runs. Its
     * 2 seconds start once the JVM has: that takes from a fraction of a second to a few, with the
     * load of the machine, and is measured just before with a process that only prints its version.
     */
    private void assertSecondJavaProcessInUse(Path data) throws IOException, InterruptedException {
        Timed startup = timed(java(io.quiesce.cli.QuiesceCli.class.getName(), "--version"));
        ProcessBuilder second = java(io.quiesce.cli.QuiesceCli.class.getName(), "--data", data.toString(), "pause",
                "fe01").redirectOutput(home.resolve("out").toFile()).redirectError(home.resolve("err").toFile());
        second.environment().put("QUIESCE_GROUPS", "Administrators");
        Timed run = timed(second);
        Invocation r = new Invocation(new String[] {"pause", "fe01"}, run.exit(),
                Files.readString(home.resolve("out")), Files.readString(home.resolve("err")));
        System.out.println("in use: a second java process took " + run.took().toMillis() + " ms, one that only"
                + " prints its version " + startup.took().toMillis() + " ms");
        assertInUse(r, data, run.took().minus(startup.took()));
    }

    private record Timed(Duration took, int exit) {
    }

    private static Timed timed(ProcessBuilder builder) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends").isTrue();
        return new Timed(Duration.ofNanos(System.nanoTime() - start), process.exitValue());
    }

    private static void assertInUse(Invocation r, Path data, Duration took) {
        r.assertContract("a data directory in use");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).as(r.toString()).startsWith("error: data directory " + data
                + " is in use by another process").hasLineCount(1);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(took).as("failed within %s: %s", WITHIN, r).isLessThan(WITHIN);
    }

    /** A JVM like this one, on the test class path. */
    private static ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    }
}
