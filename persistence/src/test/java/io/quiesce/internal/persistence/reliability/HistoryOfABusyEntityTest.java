package io.quiesce.internal.persistence.reliability;

import io.quiesce.DnsLoadBalancing;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Principal;
import io.quiesce.event.Event;
import io.quiesce.rules.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found by {@link CrashRecoveryTest}: reading the history stalled until its timeout when one
 * entity had 101 events, one more than the query's default buffer.
 */
class HistoryOfABusyEntityTest {
    @TempDir
    Path dir;

    @Test
    void givenAPoolWith101Events_whenTheHistoryIsRead_thenAllOfThemComeBack() {
        QuiesceOptions defaults = QuiesceOptions.at(dir).withFsync(false);
        // A stall shows as a failure after this, not after the default two minutes.
        QuiesceOptions options = new QuiesceOptions(dir, defaults.adminGroup(), defaults.clock(), defaults.catalog(),
                false, defaults.snapshotEvery(), defaults.maxPending(), defaults.commandTimeout(),
                Duration.ofSeconds(20), null, null);
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(Principal.of("alice", "Administrators"));
            assertThat(alice.createPool("pool1")).isInstanceOf(Decision.Accepted.class);
            assertThat(alice.addServer("pool1", "fe01")).isInstanceOf(Decision.Accepted.class);
            List<CompletableFuture<Decision>> toggles = IntStream.range(0, 100)
                    .mapToObj(i -> alice.setDnsLoadBalancingAsync("pool1",
                            i % 2 == 1 ? DnsLoadBalancing.ON : DnsLoadBalancing.OFF).toCompletableFuture()).toList();
            assertThat(toggles).allSatisfy(t -> assertThat(t.join()).isInstanceOf(Decision.Accepted.class));

            List<Event> history = q.history();

            assertThat(history).hasSize(102);
            assertThat(history).filteredOn(e -> e instanceof Event.DnsLoadBalancingChanged).hasSize(100);
        }
    }
}
