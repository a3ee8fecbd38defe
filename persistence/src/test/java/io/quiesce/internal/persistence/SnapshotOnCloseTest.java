package io.quiesce.internal.persistence;

import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Principal;
import io.quiesce.internal.persistence.journal.JournalStore;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clean close snapshots each service that the next opening would otherwise rebuild from many
 * events, so that opening replays (next to) nothing; snapshots stay what they were: optional.
 */
class SnapshotOnCloseTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final String FE = "Lync Server Front-End";
    /** A twentieth of this is the least a clean close snapshots: 5 events. */
    static final int SNAPSHOT_EVERY = 100;

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));

    QuiesceOptions options(int snapshotEvery) {
        return QuiesceOptions.at(dir).withClock(clock).withFsync(false).withSnapshotEvery(snapshotEvery);
    }

    /** One server, {@code sessions} sessions started on it and {@code ended} of them ended: two events a session. */
    Deployment onePoolWithSessions(int snapshotEvery, int sessions, int ended) {
        try (Quiesce q = Quiesce.open(options(snapshotEvery))) {
            Operator alice = q.as(ADMIN);
            assertThat(alice.createPool("pool1")).isInstanceOf(Decision.Accepted.class);
            assertThat(alice.addServer("pool1", "fe01")).isInstanceOf(Decision.Accepted.class);
            for (int i = 0; i < sessions; i++) {
                clock.advance(Duration.ofSeconds(1));
                assertThat(alice.connect("pool1", "registration", "s-" + i)).isInstanceOf(Decision.Accepted.class);
            }
            for (int i = 0; i < ended; i++) {
                assertThat(alice.end("s-" + i)).isInstanceOf(Decision.Accepted.class);
            }
            return q.status();
        }
    }

    @Test
    void givenAServiceWithEventsPastItsLastSnapshot_whenClosedCleanly_thenItIsSnapshottedAtItsLastEvent()
            throws IOException {
        Deployment before = onePoolWithSessions(SNAPSHOT_EVERY, 10, 3);
        ServiceState frontEnd = before.server("fe01").orElseThrow().service(FE);
        assertThat(frontEnd.sessions()).hasSize(7);

        long last;
        try (JournalStore journal = JournalStore.open(dir.resolve("journal"), false)) {
            last = journal.highestSequenceNr(servicePersistenceId(FE));
        }
        assertThat(last).isGreaterThanOrEqualTo(13).isLessThan(SNAPSHOT_EVERY);
        assertThat(snapshotSequenceNrs(FE)).containsExactly(last);

        try (Quiesce q = Quiesce.open(options(SNAPSHOT_EVERY))) {
            assertThat(q.status()).isEqualTo(before);
        }
    }

    @Test
    void givenAServiceWithFewEventsPastItsLastSnapshot_whenClosedCleanly_thenItIsNotSnapshotted() throws IOException {
        // Two sessions: four events, fewer than a twentieth of the interval.
        Deployment before = onePoolWithSessions(SNAPSHOT_EVERY, 2, 0);

        assertThat(snapshotSequenceNrs(FE)).isEmpty();
        try (Quiesce q = Quiesce.open(options(SNAPSHOT_EVERY))) {
            assertThat(q.status()).isEqualTo(before);
        }
    }

    @Test
    void givenNothingRecordedSinceTheLastCleanClose_whenOpenedAndClosedAgain_thenNoFurtherSnapshotIsWritten()
            throws IOException {
        Deployment before = onePoolWithSessions(SNAPSHOT_EVERY, 10, 3);
        Set<String> snapshots = snapshotFiles();
        assertThat(snapshots).isNotEmpty();

        try (Quiesce q = Quiesce.open(options(SNAPSHOT_EVERY))) {
            assertThat(q.status()).isEqualTo(before);
        }

        assertThat(snapshotFiles()).isEqualTo(snapshots);
    }

    @Test
    void givenSnapshotsTurnedOff_whenClosedCleanly_thenNoSnapshotIsWritten() throws IOException {
        Deployment before = onePoolWithSessions(0, 10, 3);

        assertThat(snapshotFiles()).isEmpty();
        try (Quiesce q = Quiesce.open(options(0))) {
            assertThat(q.status()).isEqualTo(before);
        }
    }

    static String servicePersistenceId(String service) {
        return "service|fe01|" + service;
    }

    private List<Long> snapshotSequenceNrs(String service) throws IOException {
        String prefix = "snapshot-" + URLEncoder.encode(servicePersistenceId(service), StandardCharsets.UTF_8) + "-";
        return snapshotFiles().stream().filter(name -> name.startsWith(prefix))
                .map(name -> Long.parseLong(name.substring(prefix.length(), name.indexOf('-', prefix.length()))))
                .sorted().toList();
    }

    private Set<String> snapshotFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("snapshots"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("snapshot-"))
                    .collect(Collectors.toSet());
        }
    }
}
