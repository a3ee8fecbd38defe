package io.quiesce.internal.persistence.reliability;

import io.quiesce.DataDirectoryException;
import io.quiesce.DnsLoadBalancing;
import io.quiesce.Force;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceState;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 8, corruption. A damaged snapshot costs time, not state: the entity falls back to an older
 * snapshot or to its events. A damaged journal is refused at once, naming the directory and what
 * to do, never opened with part of its history.
 */
class CorruptionTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final String FE = "Lync Server Front-End";
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    static Path shared;
    static Path original;
    static Deployment expected;

    @TempDir
    Path dir;

    static QuiesceOptions options(Path data) {
        return QuiesceOptions.at(data).withClock(new ManualClock(START.plus(Duration.ofHours(1)))).withFsync(false)
                .withSnapshotEvery(5);
    }

    /** Three servers with sessions, a pause, a startup change and a forced restart, snapshots every 5 events. */
    @BeforeAll
    static void writeADataDirectory() throws IOException {
        original = shared.resolve("original");
        ManualClock clock = new ManualClock(START);
        QuiesceOptions options = options(original).withClock(clock);
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(ADMIN);
            assertThat(alice.createPool("pool1", DnsLoadBalancing.OFF)).isInstanceOf(Decision.Accepted.class);
            for (String server : List.of("fe01", "fe02", "fe03")) {
                assertThat(alice.addServer("pool1", server)).isInstanceOf(Decision.Accepted.class);
            }
            for (int i = 0; i < 40; i++) {
                clock.advance(Duration.ofSeconds(1));
                assertThat(alice.connect("pool1", "im", "im-" + i)).isInstanceOf(Decision.Accepted.class);
            }
            for (int i = 0; i < 10; i++) {
                assertThat(alice.end("im-" + i)).isInstanceOf(Decision.Accepted.class);
            }
            assertThat(alice.pause(Target.server("fe02"))).isInstanceOf(Decision.Accepted.class);
            assertThat(alice.setStartup(Target.server("fe03"), StartupType.MANUAL))
                    .isInstanceOf(Decision.Accepted.class);
            assertThat(alice.restart(Target.server("fe01"), Force.YES)).isInstanceOf(Decision.Accepted.class);
        }
        // Opening again moves what LevelDB logged into a table; what follows is in a fresh log.
        try (Quiesce q = Quiesce.open(options)) {
            for (int i = 40; i < 50; i++) {
                clock.advance(Duration.ofSeconds(1));
                assertThat(q.as(ADMIN).connect("pool1", "im", "im-" + i)).isInstanceOf(Decision.Accepted.class);
            }
            expected = q.status();
        }
    }

    @Test
    void givenTheNewestSnapshotGarbled_whenOpened_thenAnOlderOneAndTheEventsAfterItGiveTheSameState()
            throws IOException {
        DataDirs.copy(original, dir);
        List<Path> snapshots = snapshotsOf(dir, "service|fe03|" + FE);
        assertThat(snapshots).hasSizeGreaterThanOrEqualTo(2);

        garble(snapshots.get(0));

        assertOpensAs(expected);
    }

    @Test
    void givenEverySnapshotTruncated_whenOpened_thenReplayingAllEventsGivesTheSameState() throws IOException {
        DataDirs.copy(original, dir);
        List<Path> snapshots = DataDirs.files(dir.resolve("snapshots"), "snapshot-.*");
        assertThat(snapshots).hasSizeGreaterThanOrEqualTo(6);

        for (Path snapshot : snapshots) {
            byte[] bytes = Files.readAllBytes(snapshot);
            Files.write(snapshot, Arrays.copyOf(bytes, bytes.length / 2));
        }

        assertOpensAs(expected);
    }

    /** A snapshot is a plain file: without a checksum of its own, a changed byte would still parse. */
    @Test
    void givenASessionIdAlteredInTheNewestSnapshot_whenOpened_thenTheSnapshotIsNotBelieved() throws IOException {
        DataDirs.copy(original, dir);
        Path newest = snapshotsOf(dir, "service|fe03|" + FE).get(0);
        String bytes = Files.readString(newest, StandardCharsets.ISO_8859_1);
        String session = service(expected, "fe03").sessions().keySet().stream().filter(bytes::contains)
                .findFirst().orElseThrow(() -> new AssertionError("no session of fe03 in " + newest));

        Files.writeString(newest, bytes.replace(session, session.replace("im-", "im_")), StandardCharsets.ISO_8859_1);

        assertOpensAs(expected);
    }

    enum Damage {
        TABLE_BLOCK_GARBLED, LOG_RECORD_GARBLED, MANIFEST_GARBLED, CURRENT_GARBLED, CURRENT_DELETED,
        JOURNAL_DELETED
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void givenADamagedJournal_whenOpened_thenItIsRefusedAtOnceNamingTheDirectoryAndWhatToDo(Damage damage)
            throws IOException {
        DataDirs.copy(original, dir);
        Path journal = dir.resolve("journal");
        switch (damage) {
            case TABLE_BLOCK_GARBLED -> garble(DataDirs.files(journal, "\\d+\\.(sst|ldb)").get(0));
            case LOG_RECORD_GARBLED -> garble(DataDirs.files(journal, "\\d+\\.log").get(0));
            case MANIFEST_GARBLED -> garble(DataDirs.files(journal, "MANIFEST-\\d+").get(0));
            case CURRENT_GARBLED -> garble(journal.resolve("CURRENT"));
            case CURRENT_DELETED -> Files.delete(journal.resolve("CURRENT"));
            case JOURNAL_DELETED -> {
                for (Path file : DataDirs.files(journal, ".*")) {
                    Files.delete(file);
                }
            }
        }

        long start = System.nanoTime();
        assertThatThrownBy(() -> Quiesce.open(options(dir)).close())
                .isInstanceOfSatisfying(DataDirectoryException.class,
                        e -> assertThat(e.directory()).isEqualTo(dir.toAbsolutePath()))
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("is damaged")
                .hasMessageContaining("Restore the directory from a backup, or move it aside");
        // Without the check, a damaged journal kept opening until the two-minute recovery timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        // Refused, not left locked: trying again gets the same answer.
        assertThatThrownBy(() -> Quiesce.open(options(dir)).close()).hasMessageContaining("is damaged");
    }

    /**
     * LevelDB 1.8 writes its log through a zero-filled memory-mapped region: a process killed while
     * it copies a record in leaves that record torn, then zeros. That is a crash, not damage: the
     * directory opens with what was recorded before (the torn write was never acknowledged).
     */
    @Test
    void givenALogWhoseLastRecordIsTorn_whenOpened_thenItOpensWithoutIt() throws IOException {
        DataDirs.copy(original, dir);
        Path log = DataDirs.files(dir.resolve("journal"), "\\d+\\.log").get(0);
        java.io.ByteArrayOutputStream tail = new java.io.ByteArrayOutputStream();
        int room = 32 * 1024 - (int) (Files.size(log) % (32 * 1024));
        if (room < 7) {
            tail.writeBytes(new byte[room]); // a block's trailer
            room = 32 * 1024;
        }
        int length = Math.min(100, room - 7);
        // A header whose checksum the data, half written, cannot match.
        tail.writeBytes(new byte[] {0x12, 0x34, 0x56, 0x78, (byte) length, (byte) (length >>> 8), 1});
        byte[] data = new byte[length];
        java.util.Arrays.fill(data, 0, length / 2, (byte) 0x55);
        tail.writeBytes(data);
        tail.writeBytes(new byte[1000]);
        Files.write(log, tail.toByteArray(), java.nio.file.StandardOpenOption.APPEND);

        assertOpensAs(expected);
    }

    /**
     * A small journal whose table is one block: LevelDB's iterator skips a damaged block, and
     * with no other block it just finds nothing, reporting the damage only if asked. Read that
     * way, the directory would have opened empty.
     */
    @Test
    void givenTheOnlyTableBlockGarbled_whenOpened_thenItIsRefusedNotOpenedEmpty() throws IOException {
        try (Quiesce q = Quiesce.open(options(dir))) {
            assertThat(q.as(ADMIN).createPool("pool1", DnsLoadBalancing.OFF)).isInstanceOf(Decision.Accepted.class);
        }
        Quiesce.open(options(dir)).close(); // moves the log into a table
        List<Path> tables = DataDirs.files(dir.resolve("journal"), "\\d+\\.(sst|ldb)");
        assertThat(tables).hasSize(1);
        assertThat(Files.size(tables.get(0))).isLessThan(4096);

        garble(tables.get(0), 16);

        assertThatThrownBy(() -> Quiesce.open(options(dir)).close())
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("is damaged");
    }

    private void assertOpensAs(Deployment state) {
        try (Quiesce q = Quiesce.open(options(dir))) {
            assertThat(q.status()).isEqualTo(state);
        }
    }

    static ServiceState service(Deployment d, String server) {
        return d.server(server).orElseThrow().service(FE);
    }

    /** An entity's snapshot files, newest (highest sequence number) first. */
    private static List<Path> snapshotsOf(Path data, String persistenceId) throws IOException {
        String prefix = "snapshot-" + URLEncoder.encode(persistenceId, StandardCharsets.UTF_8) + "-";
        return DataDirs.files(data.resolve("snapshots"), Pattern.quote(prefix) + "\\d+-\\d+").stream()
                .sorted(Comparator.comparingLong((Path p) -> sequenceNr(p, prefix)).reversed()).toList();
    }

    private static long sequenceNr(Path snapshot, String prefix) {
        String rest = snapshot.getFileName().toString().substring(prefix.length());
        return Long.parseLong(rest.substring(0, rest.indexOf('-')));
    }

    /** Flips the bits of eight bytes in the middle of the file. */
    private static void garble(Path file) throws IOException {
        garble(file, (int) (Files.size(file) / 2));
    }

    /** Flips the bits of eight bytes from {@code offset} on. */
    private static void garble(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).as(file.toString()).hasSizeGreaterThan(offset);
        for (int i = offset; i < Math.min(bytes.length, offset + 8); i++) {
            bytes[i] ^= (byte) 0xFF;
        }
        Files.write(file, bytes);
    }
}
