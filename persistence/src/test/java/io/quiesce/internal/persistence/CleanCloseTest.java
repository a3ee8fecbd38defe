package io.quiesce.internal.persistence;

import io.quiesce.DataDirectoryException;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Principal;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Opening skips the block-by-block journal check only for what a clean close vouched for: the
 * journal's files, byte for byte, as that close left them. A journal changed in place after it is
 * read in full again, and refused when damaged.
 */
class CleanCloseTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));
    Deployment before;

    QuiesceOptions options() {
        return QuiesceOptions.at(dir).withClock(clock).withFsync(false);
    }

    /** A pool with sessions, opened twice so the journal holds a table as well as a log. */
    @BeforeEach
    void aDirectoryClosedCleanly() {
        for (int round = 0; round < 2; round++) {
            try (Quiesce q = Quiesce.open(options())) {
                Operator alice = q.as(ADMIN);
                if (round == 0) {
                    assertThat(alice.createPool("pool1")).isInstanceOf(Decision.Accepted.class);
                    assertThat(alice.addServer("pool1", "fe01")).isInstanceOf(Decision.Accepted.class);
                }
                for (int i = 0; i < 20; i++) {
                    clock.advance(Duration.ofSeconds(1));
                    assertThat(alice.connect("pool1", "im", "s-" + round + "-" + i))
                            .isInstanceOf(Decision.Accepted.class);
                }
                before = q.status();
            }
        }
        assertThat(dir.resolve(CleanClose.MARK)).exists();
    }

    @Test
    void givenAJournalAsTheCleanCloseLeftIt_whenChecked_thenItIsVouchedForOnce() {
        Path journal = dir.resolve("journal");

        assertThat(CleanClose.vouchesFor(dir, journal)).isTrue();
        // The record is used up: a crash after this opening must not find it.
        assertThat(dir.resolve(CleanClose.MARK)).doesNotExist();
        assertThat(CleanClose.vouchesFor(dir, journal)).isFalse();
    }

    @Test
    void givenATableChangedInPlaceAfterACleanClose_whenChecked_thenItIsNotVouchedFor() throws IOException {
        garble(largest("\\d+\\.(sst|ldb)"));

        assertThat(CleanClose.vouchesFor(dir, dir.resolve("journal"))).isFalse();
    }

    @Test
    void givenATableBlockGarbledAfterACleanClose_whenOpened_thenTheWholeJournalIsReadAndItIsRefused()
            throws IOException {
        garble(largest("\\d+\\.(sst|ldb)"));

        assertThatThrownBy(() -> Quiesce.open(options()).close())
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("is damaged");
    }

    @Test
    void givenALogRecordGarbledAfterACleanClose_whenOpened_thenItIsRefused() throws IOException {
        Path log = largest("\\d+\\.log");
        assertThat(Files.size(log)).isGreaterThan(64);
        garble(log);

        assertThatThrownBy(() -> Quiesce.open(options()).close())
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("is damaged");
    }

    @Test
    void givenAJournalFileRemovedAfterACleanClose_whenChecked_thenItIsNotVouchedFor() throws IOException {
        Files.delete(largest("\\d+\\.(sst|ldb)"));

        assertThat(CleanClose.vouchesFor(dir, dir.resolve("journal"))).isFalse();
    }

    @Test
    void givenAnUntouchedJournal_whenOpenedAfterACleanClose_thenItOpensAsItWasClosed() {
        try (Quiesce q = Quiesce.open(options())) {
            assertThat(q.status()).isEqualTo(before);
        }
    }

    private Path largest(String nameRegex) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            List<Path> matching = files.filter(p -> p.getFileName().toString().matches(nameRegex))
                    .sorted(Comparator.comparingLong((Path p) -> p.toFile().length()).reversed()).toList();
            assertThat(matching).as(nameRegex).isNotEmpty();
            return matching.get(0);
        }
    }

    /** Flips the bits of eight bytes in the middle of the file, leaving its size as it was. */
    private static void garble(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < Math.min(bytes.length, bytes.length / 2 + 8); i++) {
            bytes[i] ^= (byte) 0xFF;
        }
        Files.write(file, bytes);
    }
}
