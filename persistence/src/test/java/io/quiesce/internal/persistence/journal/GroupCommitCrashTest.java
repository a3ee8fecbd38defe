package io.quiesce.internal.persistence.journal;

import io.quiesce.internal.persistence.journal.postgres.PrivatePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a child process ({@link TransactionWorkload}) with SIGKILL while it group-commits
 * transactions of several entities, with syncing on, then opens the journal and finds every
 * acknowledged transaction whole, every other one whole or absent (never a part of one), each
 * transaction's entries next to each other in the commit order, each entity's sequence numbers
 * without a gap, and no transaction committed without the one it follows. The same journal goes through every kill. {@code -Dquiesce.kills=N} (default 8);
 * the seed is printed and {@code -Dquiesce.seed=S} reruns it. Run on every backend.
 */
@ParameterizedClass
@EnumSource(Backends.class)
@ExtendWith(PrivatePostgres.class)
class GroupCommitCrashTest {
    @Parameter
    Backends backend;

    @TempDir
    Path work;

    @Test
    void givenSigkillsDuringGroupCommits_whenReopened_thenEveryTransactionIsWholeOrAbsentAndEveryAcknowledgedOneWhole(
            PrivatePostgres.Databases databases) throws Exception {
        int kills = Integer.getInteger("quiesce.kills", 8);
        long seed = Long.getLong("quiesce.seed", System.nanoTime());
        System.out.println("GroupCommitCrashTest: seed " + seed + " (rerun with -Dquiesce.seed=" + seed + ")");
        Random random = new Random(seed);
        Path directory = work.resolve("journal");
        Files.createDirectories(directory);
        String journal = backend.create(directory, databases);
        Set<String> acknowledged = new HashSet<>();
        int committed = 0;
        for (int run = 1; run <= kills; run++) {
            acknowledged.addAll(runAndKill(journal, run, random.nextLong(), 200 + random.nextInt(800)));

            try (JournalBackend store = backend.open(journal, false)) {
                Map<String, Integer> parts = new HashMap<>();
                Map<String, Integer> seen = new HashMap<>();
                List<String> order = new ArrayList<>();
                store.readInCommitOrder(bytes -> {
                    String[] f = new String(bytes, StandardCharsets.UTF_8).split(" ");
                    String id = f[0] + " " + f[1] + " " + f[2];
                    parts.put(id, Integer.parseInt(f[4]));
                    seen.merge(id, 1, Integer::sum);
                    order.add(id);
                });
                for (Map.Entry<String, Integer> e : seen.entrySet()) {
                    assertThat(e.getValue()).as("parts of transaction %s after kill %d (seed %d)", e.getKey(), run, seed)
                            .isEqualTo(parts.get(e.getKey()));
                }
                // Set arithmetic, not AssertJ's containsAll: that compares every pair (76,000 squared here).
                Set<String> lost = new HashSet<>(acknowledged);
                lost.removeAll(seen.keySet());
                assertThat(lost).as("acknowledged transactions missing after kill %d (seed %d)", run, seed).isEmpty();
                assertThat(new LinkedHashSet<>(collapse(order))).as("each transaction contiguous in commit order")
                        .hasSize(collapse(order).size());
                // Each follows the one before it: a client's transactions of a run are 1..k, none without its predecessor.
                Map<String, Set<Long>> byClient = new HashMap<>();
                for (String id : seen.keySet()) {
                    int cut = id.lastIndexOf(' ');
                    byClient.computeIfAbsent(id.substring(0, cut), k -> new HashSet<>()).add(Long.parseLong(id.substring(cut + 1)));
                }
                byClient.forEach((client, numbers) -> assertThat(Collections.max(numbers))
                        .as("transactions of run and client %s committed without one before them", client)
                        .isEqualTo(numbers.size()));
                for (int c = 0; c < TransactionWorkload.CLIENTS; c++) {
                    for (int e = 0; e < TransactionWorkload.ENTITIES_PER_CLIENT; e++) {
                        String id = TransactionWorkload.entity(c, e);
                        List<Long> numbers = new ArrayList<>();
                        store.replay(id, 1, Long.MAX_VALUE, Long.MAX_VALUE, b -> numbers.add((long) numbers.size() + 1));
                        assertThat((long) numbers.size()).as("entries of %s without a gap", id)
                                .isEqualTo(store.highestSequenceNr(id));
                    }
                }
                committed = seen.size();
            }
        }
        System.out.printf("GroupCommitCrashTest: %s, seed %d, %d kills, %d transactions committed, %d acknowledged%n",
                backend, seed, kills, committed, acknowledged.size());
        assertThat(acknowledged.size()).as("the workload got transactions acknowledged").isGreaterThan(kills * 10);
    }

    /** Runs of equal neighbours made one: a transaction split in the commit order shows up twice. */
    private static List<String> collapse(List<String> order) {
        List<String> runs = new ArrayList<>();
        for (String id : order) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(id)) {
                runs.add(id);
            }
        }
        return runs;
    }

    /** Starts the workload, lets it work, SIGKILLs it; returns the transactions it acknowledged. */
    private Set<String> runAndKill(String journal, int run, long seed, int workMillis) throws Exception {
        Path errors = work.resolve("run-" + run + ".err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + work,
                "-cp", System.getProperty("java.class.path"), TransactionWorkload.class.getName(),
                backend.name(), journal, Integer.toString(run), Long.toString(seed))
                .redirectError(errors.toFile()).start();
        Set<String> acks = new HashSet<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("ack ")) {
                            synchronized (acks) {
                                acks.add(line.substring(4));
                            }
                        }
                    }
                } catch (IOException e) {
                    // The child is gone: what was read is what it acknowledged.
                }
            });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acks.isEmpty() && child.isAlive() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(acks).as("run %d acknowledged nothing: %s", run, Files.readString(errors)).isNotEmpty();
            Thread.sleep(workMillis);
            assertThat(child.isAlive()).as("run %d died before its kill: %s", run, Files.readString(errors)).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reading.get(30, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        synchronized (acks) {
            return new HashSet<>(acks);
        }
    }
}
