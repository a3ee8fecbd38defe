package io.quiesce.internal.persistence;

import io.quiesce.JournalDatabase;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.PauseOptions;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceException;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.journal.postgres.PrivatePostgres;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.quiesce.internal.persistence.PoolsHeldApartTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pool taken over by another process while the one that held it still runs (it was frozen, then
 * resumed after the cluster moved the pool): the first records nothing more, the second goes on.
 */
@ExtendWith(PrivatePostgres.class)
class TakeOverTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final String FE = "Lync Server Front-End";

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T22:00:00Z"));

    /** Each process its own data directory, as each node has. */
    QuiesceOptions node(String name, JournalDatabase db) {
        return QuiesceOptions.at(dir.resolve(name).resolve("pools/pool1")).withJournal(db).withPool("pool1")
                .withClock(clock);
    }

    static void pool1(Operator alice) {
        assertThat(alice.createPool("pool1")).isInstanceOf(Decision.Accepted.class);
        for (String server : List.of("fe01", "fe02", "fe03")) {
            assertThat(alice.addServer("pool1", server)).isInstanceOf(Decision.Accepted.class);
        }
    }

    @Test
    void givenAPoolTakenOverByASecondProcess_whenTheFirstGetsACommand_thenItIsRefusedNothingOfItIsRecordedAndTheSecondGoesOn(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        try (Quiesce first = Quiesce.open(node("node1", db))) {
            Operator alice = first.as(ADMIN);
            pool1(alice);
            assertThat(alice.connect("pool1", "im", "s1")).isInstanceOf(Decision.Accepted.class);
            Deployment recorded = first.status();

            try (Quiesce second = Quiesce.open(node("node2", db))) {
                assertThat(second.status()).isEqualTo(recorded);
                long before = count(db, "SELECT count(*) FROM quiesce_entry");

                assertThatThrownBy(() -> alice.connect("pool1", "im", "s2")).isInstanceOf(QuiesceException.class)
                        .hasMessageContaining("pool pool1 was taken over by another process")
                        .hasMessageContaining("node2");
                assertThatThrownBy(() -> alice.pause(Target.server("fe02"))).isInstanceOf(QuiesceException.class)
                        .hasMessageContaining("was taken over");
                assertThatThrownBy(first::status).isInstanceOf(QuiesceException.class)
                        .hasMessageContaining("was taken over");
                assertThat(count(db, "SELECT count(*) FROM quiesce_entry")).isEqualTo(before);

                Operator bob = second.as(ADMIN);
                assertThat(bob.connect("pool1", "im", "s3")).isInstanceOf(Decision.Accepted.class);
                Deployment now = second.status();
                assertThat(sessions(now)).containsExactlyInAnyOrder("s1", "s3");

                try (Quiesce third = Quiesce.open(node("node3", db))) {
                    assertThat(third.status()).isEqualTo(now);
                }
            }
        }
    }

    @Test
    void givenAPoolTakenOver_whenTheFirstProcessWritesNothing_thenItStillStopsAnsweringWithinSeconds(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        try (Quiesce first = Quiesce.open(node("node1", db))) {
            pool1(first.as(ADMIN));
            try (Quiesce second = Quiesce.open(node("node2", db))) {

                assertThat(refusedWithin(first, Duration.ofSeconds(10))).isTrue();
                assertThatThrownBy(() -> first.as(ADMIN).connect("pool1", "im", "s1"))
                        .hasMessageContaining("was taken over").hasMessageContaining("nothing of this was recorded");
                assertThat(second.status().servers()).containsOnlyKeys("fe01", "fe02", "fe03");
            }
        }
    }

    @Test
    void givenAPauseDeadlineRecordedByTheFirstProcess_whenItPassesAfterATakeOver_thenItFiresOnceInTheSecondAndNeverInTheFirst(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        try (Quiesce first = Quiesce.open(node("node1", db))) {
            Operator alice = first.as(ADMIN);
            pool1(alice);
            assertThat(alice.connect("pool1", "im", "s1")).isInstanceOf(Decision.Accepted.class);
            String server = serverOf(first.status(), "s1");
            assertThat(alice.pause(Target.service(server, FE), PauseOptions.withDeadline(Duration.ofMinutes(10))))
                    .isInstanceOf(Decision.Accepted.class);

            try (Quiesce second = Quiesce.open(node("node2", db))) {
                clock.advance(Duration.ofMinutes(11));
                long before = count(db, "SELECT count(*) FROM quiesce_entry");

                first.checkDeadlines();
                assertThat(refusedWithin(first, Duration.ofSeconds(10)))
                        .as("the first process learnt the pool is no longer its own (by its write, or by looking)")
                        .isTrue();
                assertThat(count(db, "SELECT count(*) FROM quiesce_entry")).isEqualTo(before);

                second.checkDeadlines();
                assertThat(drainedWithin(second, server, Duration.ofSeconds(10))).isTrue();
                first.checkDeadlines();
                assertThat(second.history()).filteredOn(Event.DrainDeadlinePassed.class::isInstance).hasSize(1);
            }
        }
    }

    private static boolean refusedWithin(Quiesce q, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            try {
                q.status();
            } catch (QuiesceException e) {
                return e.getMessage().contains("was taken over");
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean drainedWithin(Quiesce q, String server, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            ServiceState fe = q.status().servers().get(server).services().get(FE);
            if (fe.status() == ServiceStatus.DRAINED) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static List<String> sessions(Deployment d) {
        return d.servers().values().stream().flatMap(s -> s.services().values().stream())
                .flatMap(s -> s.sessions().keySet().stream()).toList();
    }

    private static String serverOf(Deployment d, String session) {
        return d.servers().values().stream()
                .filter(s -> s.services().values().stream().anyMatch(v -> v.sessions().containsKey(session)))
                .findFirst().orElseThrow().name();
    }
}
