package io.quiesce.internal.persistence;

import io.quiesce.DataDirectoryException;
import io.quiesce.JournalDatabase;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceException;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Principal;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.journal.postgres.PrivatePostgres;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Processes that each hold one pool of a shared journal database (cluster mode, one process a
 * pool): what each records, reads back and refuses, and how they share the database with a process
 * that holds every pool.
 */
@ExtendWith(PrivatePostgres.class)
class PoolsHeldApartTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T22:00:00Z"));

    QuiesceOptions holding(String pool, JournalDatabase db) {
        return QuiesceOptions.at(dir.resolve("pools").resolve(pool)).withJournal(db).withPool(pool).withClock(clock);
    }

    QuiesceOptions everyPool(String name, JournalDatabase db) {
        return QuiesceOptions.at(dir.resolve(name)).withJournal(db).withClock(clock);
    }

    static void poolOfTwo(Operator alice, String pool, String first, String second) {
        assertThat(alice.createPool(pool)).isInstanceOf(Decision.Accepted.class);
        assertThat(alice.addServer(pool, first)).isInstanceOf(Decision.Accepted.class);
        assertThat(alice.addServer(pool, second)).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void givenTwoProcessesHoldingAPoolEach_whenBothRecordAndOpenAgain_thenEachRecoversItsOwnAndTheHistoryHoldsBothInCommitOrder(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        Deployment one;
        Deployment two;
        try (Quiesce q1 = Quiesce.open(holding("pool1", db)); Quiesce q2 = Quiesce.open(holding("pool2", db))) {
            Operator a1 = q1.as(ADMIN);
            Operator a2 = q2.as(ADMIN);
            poolOfTwo(a1, "pool1", "fe01", "fe02");
            poolOfTwo(a2, "pool2", "fe11", "fe12");
            assertThat(a1.connect("pool1", "im", "s1")).isInstanceOf(Decision.Accepted.class);
            assertThat(a2.connect("pool2", "im", "s2")).isInstanceOf(Decision.Accepted.class);
            assertThat(a1.connect("pool1", "im", "s3")).isInstanceOf(Decision.Accepted.class);
            one = q1.status();
            two = q2.status();

            assertThat(one.pools()).containsOnlyKeys("pool1");
            assertThat(one.servers()).containsOnlyKeys("fe01", "fe02");
            assertThat(two.pools()).containsOnlyKeys("pool2");
            assertThat(two.servers()).containsOnlyKeys("fe11", "fe12");
            List<String> sessions = q2.history().stream().filter(Event.SessionStarted.class::isInstance)
                    .map(e -> ((Event.SessionStarted) e).session()).toList();
            assertThat(sessions).as("both pools' sessions, in the order they were recorded")
                    .containsExactly("s1", "s2", "s3");
        }
        assertThat(entityIds(db)).contains("registry|pool1", "registry|pool2").doesNotContain("registry");

        try (Quiesce q2 = Quiesce.open(holding("pool2", db)); Quiesce q1 = Quiesce.open(holding("pool1", db))) {
            assertThat(q1.status()).isEqualTo(one);
            assertThat(q2.status()).isEqualTo(two);
        }
    }

    @Test
    void givenAProcessHoldingOnePool_whenACommandNamesAnotherPool_thenItIsRefusedAndNothingIsRecorded(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        try (Quiesce q = Quiesce.open(holding("pool1", db))) {
            Operator alice = q.as(ADMIN);
            poolOfTwo(alice, "pool1", "fe01", "fe02");
            long before = count(db, "SELECT count(*) FROM quiesce_entry");

            assertThatThrownBy(() -> alice.createPool("pool2")).isInstanceOf(QuiesceException.class)
                    .hasMessageContaining("holds pool pool1 only").hasMessageContaining("pool pool2");
            assertThatThrownBy(() -> alice.addServer("pool2", "fe11")).isInstanceOf(QuiesceException.class)
                    .hasMessageContaining("holds pool pool1 only");
            assertThatThrownBy(() -> alice.connect("pool2", "im", "s1")).isInstanceOf(QuiesceException.class)
                    .hasMessageContaining("holds pool pool1 only");
            assertThatThrownBy(() -> q.rollouts().decide("pool2",
                    new io.quiesce.rollout.RolloutCommand.DrainTimeout("fe11", clock.instant())))
                    .isInstanceOf(QuiesceException.class).hasMessageContaining("holds pool pool1 only");
            // A server it does not have is the rules' to decide, as ever.
            assertThat(alice.pause(io.quiesce.Target.server("fe11"))).isInstanceOf(Decision.Rejected.class);

            assertThat(count(db, "SELECT count(*) FROM quiesce_entry")).isEqualTo(before);
            assertThat(q.status().pools()).containsOnlyKeys("pool1");
        }
    }

    @Test
    void givenAServerOfAPoolHeldByAnotherProcess_whenThisPoolAddsTheSameName_thenItIsRefusedAsExisting(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        try (Quiesce q1 = Quiesce.open(holding("pool1", db)); Quiesce q2 = Quiesce.open(holding("pool2", db))) {
            poolOfTwo(q1.as(ADMIN), "pool1", "fe01", "fe02");
            assertThat(q2.as(ADMIN).createPool("pool2")).isInstanceOf(Decision.Accepted.class);

            Decision taken = q2.as(ADMIN).addServer("pool2", "fe01");

            assertThat(taken).isInstanceOf(Decision.Rejected.class);
            assertThat(((Decision.Rejected) taken).rejection().message()).contains("already in pool pool1");
            assertThat(q2.status().servers()).isEmpty();
            // Refused for another reason, the name is given back: the other pool may still take it.
            assertThat(q2.as(ADMIN).addServer("pool2", "fe05", "no-such-role")).isInstanceOf(Decision.Rejected.class);
            assertThat(q1.as(ADMIN).addServer("pool1", "fe05")).isInstanceOf(Decision.Accepted.class);
        }
    }

    @Test
    void givenPoolsCreatedByProcessesHoldingOneEach_whenOneProcessOpensEveryPool_thenItSeesThemAllAndTheDirectoryListsThem(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        assertThat(PoolDirectory.pools(db)).as("a database Quiesce never used").isEmpty();
        try (Quiesce q1 = Quiesce.open(holding("pool1", db)); Quiesce q2 = Quiesce.open(holding("pool2", db))) {
            poolOfTwo(q1.as(ADMIN), "pool1", "fe01", "fe02");
            poolOfTwo(q2.as(ADMIN), "pool2", "fe11", "fe12");
        }

        try (Quiesce all = Quiesce.open(everyPool("all", db))) {
            assertThat(all.status().pools()).containsOnlyKeys("pool1", "pool2");
            assertThat(all.status().servers()).containsOnlyKeys("fe01", "fe02", "fe11", "fe12");
            assertThat(all.as(ADMIN).createPool("pool3")).isInstanceOf(Decision.Accepted.class);
            assertThat(all.as(ADMIN).createPool("pool1")).as("created elsewhere, still known")
                    .isInstanceOf(Decision.Rejected.class);
        }

        assertThat(PoolDirectory.pools(db)).containsExactly("pool1", "pool2", "pool3");
    }

    @Test
    void givenAPoolCreatedByAProcessHoldingEveryPool_whenAProcessHoldsItAlone_thenItRecoversItAndCarriesOn(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        Deployment before;
        try (Quiesce all = Quiesce.open(everyPool("all", db))) {
            poolOfTwo(all.as(ADMIN), "pool1", "fe01", "fe02");
            poolOfTwo(all.as(ADMIN), "pool2", "fe11", "fe12");
            assertThat(all.as(ADMIN).connect("pool1", "im", "s1")).isInstanceOf(Decision.Accepted.class);
            before = all.status();
        }

        try (Quiesce q1 = Quiesce.open(holding("pool1", db))) {
            assertThat(q1.status().pools()).containsOnlyKeys("pool1");
            assertThat(q1.status().servers()).isEqualTo(before.servers().entrySet().stream()
                    .filter(e -> e.getValue().pool().equals("pool1"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            assertThat(q1.as(ADMIN).createPool("pool1")).isInstanceOf(Decision.Rejected.class);
            assertThat(q1.as(ADMIN).connect("pool1", "im", "s2")).isInstanceOf(Decision.Accepted.class);
            try (Quiesce q2 = Quiesce.open(holding("pool2", db))) {
                assertThat(q2.as(ADMIN).addServer("pool2", "fe01")).as("a name pool1 had before it was held apart")
                        .isInstanceOf(Decision.Rejected.class);
            }
        }
        assertThat(PoolDirectory.pools(db)).containsExactly("pool1", "pool2");
    }

    @Test
    void givenAProcessHoldingOnePool_whenAProcessOpensEveryPool_thenItIsRefusedAndTheOtherWayRound(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        try (Quiesce q1 = Quiesce.open(holding("pool1", db)); Quiesce q2 = Quiesce.open(holding("pool2", db))) {
            assertThatThrownBy(() -> Quiesce.open(everyPool("all", db))).isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("journal database is in use by another process");
            assertThat(q1.status().pools()).isEmpty();
        }

        try (Quiesce all = Quiesce.open(everyPool("all", db))) {
            assertThatThrownBy(() -> Quiesce.open(holding("pool1", db))).isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("in use by another process that holds every pool");
            assertThat(all.status().pools()).isEmpty();
        }

        try (Quiesce q1 = Quiesce.open(holding("pool1", db))) {
            assertThat(q1.status().pools()).as("opens once the process holding every pool is gone").isEmpty();
        }
    }

    @Test
    void givenNoJournalDatabase_whenAProcessOpensToHoldOnePool_thenItIsRefusedSayingWhatIsMissing() {
        QuiesceOptions options = QuiesceOptions.at(dir.resolve("pools/pool1")).withPool("pool1");

        assertThatThrownBy(() -> Quiesce.open(options)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("withJournal");
        assertThat(dir.resolve("pools/pool1")).doesNotExist();
    }

    static long count(JournalDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> entityIds(JournalDatabase db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT persistence_id FROM quiesce_highest ORDER BY 1")) {
            List<String> ids = new java.util.ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }
}
