package io.quiesce.internal.persistence.journal.postgres;

import io.quiesce.DataDirectoryException;
import io.quiesce.JournalDatabase;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.internal.persistence.journal.JournalStore.Entry;
import io.quiesce.rules.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the PostgreSQL journal adds to the journal's contract: its schema, several writers, snapshots. */
@ExtendWith(PrivatePostgres.class)
class PostgresJournalTest {
    @TempDir
    Path dir;

    @Test
    void givenADatabaseAlreadyPrepared_whenAJournalStartsOnItAgain_thenItStartsAndTheSchemaIsAppliedOnce(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        open(db).close();

        try (PostgresJournal again = open(db)) {
            again.commit(List.of(List.of(entry("a", 1))), List.of());
        }

        assertThat(query(db, "SELECT count(*) FROM quiesce_schema")).isEqualTo(PostgresSchema.VERSION);
        assertThat(query(db, "SELECT max(version) FROM quiesce_schema")).isEqualTo(PostgresSchema.VERSION);
    }

    @Test
    void givenADatabaseAtVersion1WithEntries_whenAJournalStarts_thenVersion2IsAddedTheEntriesKeptAndAStartAfterChangesNothing(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE quiesce_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL"
                    + " DEFAULT now())");
            for (String statement : PostgresSchema.statements(PostgresSchema.script(1))) {
                st.execute(statement);
            }
            st.execute("INSERT INTO quiesce_schema (version) VALUES (1)");
            // Two entries as a journal of version 1 wrote them: in one commit, the entity's highest kept.
            st.execute("UPDATE quiesce_commit SET last_commit = 1");
            st.execute("INSERT INTO quiesce_entry (persistence_id, sequence_nr, commit_nr, commit_index, entry) VALUES"
                    + " ('fe01', 1, 1, 0, convert_to('fe01-1', 'UTF8')), ('fe01', 2, 1, 1, convert_to('fe01-2', 'UTF8'))");
            st.execute("INSERT INTO quiesce_highest (persistence_id, sequence_nr) VALUES ('fe01', 2)");
        }

        try (PostgresJournal journal = open(db)) {
            assertThat(journal.highestSequenceNr("fe01")).isEqualTo(2);
        }
        String applied = text(db, "SELECT applied_at::text FROM quiesce_schema WHERE version = 2");
        try (PostgresJournal again = openPool(db, "pool1", "node1")) {
            List<String> replayed = new ArrayList<>();
            again.replay("fe01", 1, Long.MAX_VALUE, Long.MAX_VALUE,
                    bytes -> replayed.add(new String(bytes, StandardCharsets.UTF_8)));
            assertThat(replayed).containsExactly("fe01-1", "fe01-2");
        }

        assertThat(query(db, "SELECT count(*) FROM quiesce_schema")).isEqualTo(2);
        assertThat(text(db, "SELECT applied_at::text FROM quiesce_schema WHERE version = 2")).isEqualTo(applied);
        assertThat(query(db, "SELECT epoch FROM quiesce_owner WHERE pool = 'pool1'")).isEqualTo(1);
        assertThat(query(db, "SELECT count(*) FROM quiesce_token")).isZero();
    }

    @Test
    void givenAPoolTakenOverByAnotherProcess_whenTheFirstCommits_thenTheCommitFailsWholeAndEveryLaterWriteIsRefused(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        try (PostgresJournal first = openPool(db, "pool1", "node1")) {
            first.commit(List.of(List.of(entry("pool|pool1", 1))), List.of());
            try (PostgresJournal second = openPool(db, "pool1", "node2")) {
                assertThatThrownBy(() -> first.commit(List.of(List.of(entry("pool|pool1", 2)),
                        List.of(entry("server|fe01", 1))), List.of()))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("pool pool1 was taken over by another process (node2)");

                assertThat(first.takenOver()).isCompleted();
                assertThat(second.highestSequenceNr("pool|pool1")).isEqualTo(1);
                assertThat(second.highestSequenceNr("server|fe01")).isZero();
                // What the snapshot store checks before it writes or deletes a snapshot of the pool.
                try (Connection c = first.dataSource().getConnection()) {
                    assertThatThrownBy(() -> first.checkStillHeld(c)).hasMessageContaining("was taken over");
                    c.rollback();
                }
                second.commit(List.of(List.of(entry("pool|pool1", 2))), List.of());
                assertThatThrownBy(() -> first.commit(List.of(List.of(entry("server|fe09", 1))), List.of()))
                        .hasMessageContaining("was taken over");
                assertThat(second.highestSequenceNr("server|fe09")).isZero();
            }
        }
        assertThat(query(db, "SELECT epoch FROM quiesce_owner WHERE pool = 'pool1'")).isEqualTo(2);
        assertThat(text(db, "SELECT holder FROM quiesce_owner WHERE pool = 'pool1'")).isEqualTo("node2");
    }

    @Test
    void givenAJournalHoldingOnePool_thenEachOfItsConnectionsHasTheServerEndATransactionLeftOpen(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        try (PostgresJournal journal = PostgresJournal.openPool(db.url(), db.user(), db.password(), false, "pool1",
                "node1");
             Connection first = journal.dataSource().getConnection();
             Connection fresh = journal.dataSource().getConnection()) {
            for (Connection c : List.of(first, fresh)) {
                c.rollback(); // a read's end, the first thing a new connection may see
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting("
                        + "'idle_in_transaction_session_timeout'), current_setting('synchronous_commit')")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("a frozen process holds the commit row no longer").isEqualTo("5s");
                    assertThat(rs.getString(2)).isEqualTo("off");
                }
                c.rollback();
            }
        }
    }

    @Test
    void givenADatabaseOfANewerSchemaVersion_whenAJournalStarts_thenItRefusesSayingWhy(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        open(db).close();
        update(db, "INSERT INTO quiesce_schema (version) VALUES (" + (PostgresSchema.VERSION + 1) + ")");

        assertThatThrownBy(() -> open(db)).isInstanceOf(IOException.class)
                .hasMessageContaining("newer than the " + PostgresSchema.VERSION);
    }

    @Test
    void givenTwoProcessesOnOneDatabase_whenBothCommitAtOnce_thenTheHistoryHasOneCommitOrderKeepingEachOnesOrder(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        // Without waiting for the disk: the order is the point here, not durability.
        try (PostgresJournal node1 = PostgresJournal.open(db.url(), db.user(), db.password(), false, false);
             PostgresJournal node2 = PostgresJournal.open(db.url(), db.user(), db.password(), false, false)) {
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> commitEach(node1, "n1", 100));
            CompletableFuture<Void> two = CompletableFuture.runAsync(() -> commitEach(node2, "n2", 100));
            CompletableFuture.allOf(one, two).join();

            List<String> history = new ArrayList<>();
            node1.readInCommitOrder(bytes -> history.add(new String(bytes, StandardCharsets.UTF_8)));

            assertThat(history).hasSize(200);
            assertThat(history).filteredOn(e -> e.startsWith("n1")).isSortedAccordingTo(PostgresJournalTest::bySequence);
            assertThat(history).filteredOn(e -> e.startsWith("n2")).isSortedAccordingTo(PostgresJournalTest::bySequence);
        }
        assertThat(query(db, "SELECT last_commit FROM quiesce_commit")).isEqualTo(200);
        assertThat(query(db, "SELECT count(DISTINCT commit_nr) FROM quiesce_entry")).isEqualTo(200);
    }

    @Test
    void givenAnEntryAlreadyWritten_whenAnotherProcessWritesTheSameSequenceNumber_thenItsWholeCommitFails(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        try (PostgresJournal node1 = open(db); PostgresJournal node2 = open(db)) {
            node1.commit(List.of(List.of(entry("fe01", 1))), List.of());

            assertThatThrownBy(() -> node2.commit(List.of(List.of(entry("fe02", 1)), List.of(entry("fe01", 1))),
                    List.of())).isInstanceOf(IOException.class);

            assertThat(node2.highestSequenceNr("fe02")).isZero();
            assertThat(node2.highestSequenceNr("fe01")).isEqualTo(1);
        }
    }

    @Test
    void givenAProcessUsingTheDatabaseAlone_whenAnotherOpensIt_thenItIsRefusedUntilTheFirstCloses(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        Quiesce first = Quiesce.open(QuiesceOptions.at(dir.resolve("one")).withJournal(db).withFsync(false));
        try {
            assertThatThrownBy(() -> Quiesce.open(QuiesceOptions.at(dir.resolve("two")).withJournal(db)))
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("journal database is in use by another process");
        } finally {
            first.close();
        }

        try (Quiesce second = Quiesce.open(QuiesceOptions.at(dir.resolve("two")).withJournal(db).withFsync(false))) {
            assertThat(second.status().pools()).isEmpty();
        }
    }

    @Test
    void givenAProcessHoldingTheDatabaseAlone_whenItIsKilled_thenAnotherOpensItOnceTheServerSeesItGone(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                HoldJournal.class.getName(), db.url()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("holding");
            assertThatThrownBy(() -> PostgresJournal.open(db.url(), db.user(), db.password(), true, true))
                    .hasMessageContaining("in use by another process");

            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(openAloneWithin(db, Duration.ofSeconds(10))).isTrue();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void givenSnapshotsEveryTwoEntries_whenTheDataIsOpenedAgain_thenTheSnapshotsAreInTheDatabaseAndTheStatusComesBack(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        QuiesceOptions options = QuiesceOptions.at(dir).withJournal(db).withSnapshotEvery(2)
                .withClock(new ManualClock(Instant.parse("2026-12-04T22:00:00Z")));
        Deployment before;
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(Principal.of("alice", "Administrators"));
            alice.createPool("pool1");
            alice.addServer("pool1", "fe01");
            for (int i = 0; i < 6; i++) {
                alice.connect("pool1", "im", "s" + i);
            }
            alice.pause(Target.server("fe01"));
            before = q.status();
        }

        assertThat(query(db, "SELECT count(*) FROM quiesce_snapshot")).isPositive();
        try (Quiesce q = Quiesce.open(options)) {
            assertThat(q.status()).isEqualTo(before);
        }
    }

    /** Tries to open the database alone until it succeeds or the time is up (bounded: one try a 100 ms). */
    private static boolean openAloneWithin(JournalDatabase db, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            try {
                PostgresJournal.open(db.url(), db.user(), db.password(), true, true).close();
                return true;
            } catch (IOException stillHeld) {
                Thread.sleep(100);
            }
        }
        return false;
    }

    private static void commitEach(PostgresJournal journal, String id, int count) {
        try {
            for (int i = 1; i <= count; i++) {
                journal.commit(List.of(List.of(entry(id, i))), List.of());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bySequence(String a, String b) {
        return Long.compare(Long.parseLong(a.substring(a.indexOf('-') + 1)), Long.parseLong(b.substring(b.indexOf('-') + 1)));
    }

    private static Entry entry(String id, long sequenceNr) {
        return new Entry(id, sequenceNr, (id + "-" + sequenceNr).getBytes(StandardCharsets.UTF_8));
    }

    /** Opened with no in-use lock, as the journal's contract tests open it: several writers at once. */
    private static PostgresJournal open(JournalDatabase db) throws IOException {
        return PostgresJournal.open(db.url(), db.user(), db.password(), true, false);
    }

    /** Opened as a cluster node opens one pool. */
    private static PostgresJournal openPool(JournalDatabase db, String pool, String holder) throws IOException {
        return PostgresJournal.openPool(db.url(), db.user(), db.password(), true, pool, holder);
    }

    private static String text(JournalDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long query(JournalDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void update(JournalDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
