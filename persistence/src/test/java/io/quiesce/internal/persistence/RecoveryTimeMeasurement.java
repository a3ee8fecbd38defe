package io.quiesce.internal.persistence;

import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Principal;
import io.quiesce.rules.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not part of the build: prints how long opening takes when one service holds 100,000 events,
 * with and without snapshots. Run with
 * {@code mvn -B -pl persistence -am test -Dtest=RecoveryTimeMeasurement -Dquiesce.measure=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "quiesce.measure", matches = "true")
class RecoveryTimeMeasurement {
    static final Principal ADMIN = Principal.of("bench", "Administrators");
    static final int EVENTS = Integer.getInteger("quiesce.events", 100_000);

    @TempDir
    Path dir;

    @Test
    void recoveryOfAServiceWith100kEvents() {
        for (int snapshotEvery : new int[] {1000, 0}) {
            Path data = dir.resolve("snapshots-" + snapshotEvery);
            QuiesceOptions options = QuiesceOptions.at(data).withFsync(false).withSnapshotEvery(snapshotEvery)
                    .withMaxPending(1_000_000);
            long writeStart = System.nanoTime();
            try (Quiesce q = Quiesce.open(options)) {
                Operator op = q.as(ADMIN);
                op.createPool("pool1");
                op.addServer("pool1", "fe01");
                List<CompletableFuture<Decision>> pending = new ArrayList<>();
                for (int i = 0; i < EVENTS / 2; i++) {
                    pending.add(op.connectAsync("pool1", "im", "s" + i).toCompletableFuture());
                    pending.add(op.endAsync("s" + i).toCompletableFuture());
                    if (pending.size() >= 5000) {
                        pending.forEach(CompletableFuture::join);
                        pending.clear();
                    }
                }
                pending.forEach(CompletableFuture::join);
            }
            double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
            for (int run = 0; run < 3; run++) {
                long start = System.nanoTime();
                try (Quiesce q = Quiesce.open(options)) {
                    assertThat(q.status().servers()).containsKey("fe01");
                    System.out.printf("snapshotEvery=%d run %d: open to first status %.0f ms (written in %.1f s,"
                            + " %.0f events/s)%n", snapshotEvery, run, (System.nanoTime() - start) / 1e6,
                            writeSeconds, EVENTS / writeSeconds);
                }
            }
        }
    }
}
