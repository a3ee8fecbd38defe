package io.quiesce.internal.persistence.reliability;

import io.quiesce.Quiesce;
import io.quiesce.auth.Authorization;
import io.quiesce.catalog.Catalog;
import io.quiesce.event.Event;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, crash safety. A child process ({@link CrashWorkload}) runs admin commands and session
 * traffic on a data directory, with fsync on, and is killed with SIGKILL 0.3 to 2.5 seconds into
 * its work; the directory is reopened and judged by {@link CrashCheck}: every acknowledged command
 * is there, commands in flight are there whole or not at all, and invariants I1-I6 (docs/behaviour.md) hold. The same
 * directory goes through every kill, so what one recovery wrote is itself crashed into.
 *
 * <p>{@code -Dquiesce.kills=N} (default 20) for a longer run; the seed is printed, and
 * {@code -Dquiesce.seed=S} reruns one.
 */
class CrashRecoveryTest {
    private static final Rules RULES = new Rules(Catalog.defaults(), Authorization.defaults());

    @TempDir
    Path work;

    @Test
    void givenSigkillsAtRandomMoments_whenReopened_thenEveryAcknowledgedCommandIsThereAndTheInvariantsHold()
            throws Exception {
        int kills = Integer.getInteger("quiesce.kills", 20);
        long seed = Long.getLong("quiesce.seed", System.nanoTime());
        System.out.println("CrashRecoveryTest: seed " + seed + " (rerun with -Dquiesce.seed=" + seed + ")");
        Random random = new Random(seed);
        Path data = work.resolve("data");
        Deployment before = Deployment.empty();
        long nextSecond = 0;
        int sent = 0;
        int acknowledged = 0;
        int inFlight = 0;
        int inFlightRecorded = 0;
        int lost = 0;
        for (int kill = 1; kill <= kills; kill++) {
            Path sideLog = work.resolve("run-" + kill + ".log");
            runAndKill(data, sideLog, random.nextLong(), nextSecond, 300 + random.nextInt(2201), kill);

            SideLog.Entries run = SideLog.read(sideLog, Authorization.DEFAULT_ADMIN_GROUP);
            Deployment recovered;
            List<Event> history;
            try (Quiesce q = Quiesce.open(CrashWorkload.options(data).withFsync(false))) {
                recovered = q.status();
                history = q.history();
            }
            CrashCheck.Result result = CrashCheck.check(RULES, before, run, recovered, history);
            assertThat(result.violations()).as("kill %d of seed %d", kill, seed).isEmpty();

            sent += result.sent();
            acknowledged += result.acknowledged();
            inFlight += result.inFlight();
            inFlightRecorded += result.inFlightRecorded();
            lost += result.lost();
            before = recovered;
            nextSecond += run.sent().size();
        }
        System.out.printf("CrashRecoveryTest: seed %d, %d kills, %d commands sent, %d acknowledged, %d in flight"
                + " at the kills (%d of them recorded), %d acknowledged lost%n", seed, kills, sent, acknowledged,
                inFlight, inFlightRecorded, lost);
        assertThat(acknowledged).as("the workload got commands acknowledged").isGreaterThan(kills * 10);
    }

    /** Starts the workload, waits until it is ready, lets it work {@code workMillis}, then SIGKILLs it. */
    private void runAndKill(Path data, Path sideLog, long seed, long firstSecond, int workMillis, int kill)
            throws IOException, InterruptedException {
        Path errors = work.resolve("run-" + kill + ".err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // The JNI library is unpacked under the temp directory; a killed JVM leaves it there.
                "-Djava.io.tmpdir=" + work,
                "-cp", System.getProperty("java.class.path"), CrashWorkload.class.getName(),
                data.toString(), sideLog.toString(), Long.toString(seed), Long.toString(firstSecond))
                .redirectError(errors.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return e.toString();
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(first).as("run %d did not start: %s", kill, Files.readString(errors)).isEqualTo("ready");
            Thread.sleep(workMillis);
            assertThat(child.isAlive()).as("run %d died before its kill: %s", kill, Files.readString(errors))
                    .isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("run " + kill + " did not start: " + Files.readString(errors), e);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
