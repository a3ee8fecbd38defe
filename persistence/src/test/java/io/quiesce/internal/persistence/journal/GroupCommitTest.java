package io.quiesce.internal.persistence.journal;

import io.quiesce.internal.persistence.journal.GroupCommit.Ordered;
import io.quiesce.internal.persistence.journal.JournalStore.Entry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The writer without LevelDB: a stand-in for the store's commit records what each commit holds,
 * and can hold a commit (a slow sync) or fail it (a failing sync, or any commit holding an entity's entry).
 */
class GroupCommitTest {
    final List<List<List<Entry>>> commits = new CopyOnWriteArrayList<>();
    final CountDownLatch firstSyncStarted = new CountDownLatch(1);
    final CountDownLatch releaseFirstSync = new CountDownLatch(1);
    final AtomicInteger failingSyncs = new AtomicInteger();
    /** A commit holding an entry of this entity fails. */
    volatile String failingEntity;
    GroupCommit group;

    GroupCommit.Commits recording(boolean holdFirst) {
        return (transactions, deletions) -> {
            if (holdFirst && commits.isEmpty() && firstSyncStarted.getCount() > 0) {
                firstSyncStarted.countDown();
                await(releaseFirstSync);
            }
            if (failingSyncs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("sync failed (made by the test)");
            }
            if (transactions.stream().flatMap(List::stream).anyMatch(e -> e.persistenceId().equals(failingEntity))) {
                throw new IOException("commit failed (made by the test)");
            }
            commits.add(transactions);
        };
    }

    @AfterEach
    void close() {
        if (group != null) {
            group.close();
        }
    }

    static List<Ordered> one(String id, long seq) {
        return List.of(new Ordered(new Entry(id, seq, new byte[] {(byte) seq}), seq));
    }

    @Test
    void givenASyncUnderWay_whenWritesArriveMeanwhile_thenTheyAllGoInTheNextCommit() throws Exception {
        group = new GroupCommit(recording(true), Duration.ofSeconds(5));
        CompletableFuture<Void> first = group.write(0, 1, one("a", 1));
        assertThat(firstSyncStarted.await(5, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            waiting.add(group.write(0, 1, one("s" + i, 1)));
        }
        releaseFirstSync.countDown();
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(first).isDone();
        assertThat(commits).hasSize(2);
        assertThat(commits.get(1)).hasSize(50);
    }

    @Test
    void givenATransactionOfTwoParts_whenBothArrive_thenTheyCommitTogetherInTheirEntriesOrder() throws Exception {
        group = new GroupCommit(recording(false), Duration.ofSeconds(5));
        List<Ordered> fe = List.of(new Ordered(new Entry("fe", 1, new byte[0]), 10),
                new Ordered(new Entry("fe", 2, new byte[0]), 12));
        List<Ordered> caa = List.of(new Ordered(new Entry("caa", 1, new byte[0]), 11));

        CompletableFuture<Void> first = group.write(9, 2, fe);
        Thread.sleep(200);
        assertThat(first).isNotDone();
        assertThat(commits).isEmpty();
        group.write(9, 2, caa).get(5, TimeUnit.SECONDS);
        first.get(5, TimeUnit.SECONDS);

        assertThat(commits).hasSize(1);
        assertThat(commits.get(0)).hasSize(1);
        assertThat(commits.get(0).get(0)).extracting(e -> e.persistenceId() + "#" + e.sequenceNr())
                .containsExactly("fe#1", "caa#1", "fe#2");
    }

    @Test
    void givenAPartThatNeverArrives_whenThePartTimeoutPasses_thenTheOtherFailsAndNothingIsCommitted() {
        group = new GroupCommit(recording(false), Duration.ofMillis(300));

        CompletableFuture<Void> fe = group.write(3, 2, one("fe", 1));

        assertThatThrownBy(() -> fe.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("did not arrive in time");
        CompletableFuture<Void> late = group.write(3, 2, one("caa", 1));
        assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(commits).isEmpty();
    }

    @Test
    void givenAFailingSync_whenWritesAreCommitted_thenEveryWriteOfThatCommitFailsAndTheNextCommitsLand()
            throws Exception {
        group = new GroupCommit(recording(false), Duration.ofSeconds(5));
        failingSyncs.set(1);

        CompletableFuture<Void> lost = group.write(0, 1, one("a", 1));
        assertThatThrownBy(() -> lost.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("sync failed (made by the test)");
        group.write(0, 1, one("a", 1)).get(5, TimeUnit.SECONDS);

        assertThat(commits).hasSize(1);
    }

    @Test
    void givenAnOpenTransaction_whenTheJournalCloses_thenItsPartFailsRatherThanWaitForever() {
        group = new GroupCommit(recording(false), Duration.ofMinutes(5));
        CompletableFuture<Void> fe = group.write(4, 2, one("fe", 1));

        group.close();

        assertThat(fe).isCompletedExceptionally();
        assertThat(commits).isEmpty();
    }

    // ---- a transaction that follows another

    @Test
    void givenATransactionThatFollowsAnother_whenItIsWholeFirst_thenItIsCommittedOnlyOnceTheOtherIs() throws Exception {
        group = new GroupCommit(recording(false), Duration.ofSeconds(5));

        CompletableFuture<Void> second = group.write(2, 1, 1, one("b", 1));
        Thread.sleep(200);
        assertThat(second).isNotDone();
        assertThat(commits).isEmpty();
        group.write(1, 1, one("a", 1)).get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);

        assertThat(commits.stream().flatMap(List::stream).map(t -> t.get(0).persistenceId())).containsExactly("a", "b");
    }

    @Test
    void givenATransactionThatFollowsOneAlreadyCommitted_whenItIsWhole_thenItIsCommittedAtOnce() throws Exception {
        group = new GroupCommit(recording(false), Duration.ofSeconds(5));
        group.write(1, 1, one("a", 1)).get(5, TimeUnit.SECONDS);

        group.write(2, 1, 1, one("b", 1)).get(5, TimeUnit.SECONDS);

        assertThat(commits).hasSize(2);
    }

    @Test
    void givenAChain_whenTheFirstMissesAPart_thenEveryTransactionAfterItFailsAndNothingIsCommitted() {
        group = new GroupCommit(recording(false), Duration.ofMillis(300));

        CompletableFuture<Void> first = group.write(1, 2, one("a", 1));
        CompletableFuture<Void> second = group.write(2, 1, 1, one("b", 1));
        CompletableFuture<Void> third = group.write(3, 1, 2, one("c", 1));

        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasMessageContaining("did not arrive in time");
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasMessageContaining("decided after was not recorded");
        assertThatThrownBy(() -> third.get(5, TimeUnit.SECONDS)).hasMessageContaining("decided after was not recorded");
        CompletableFuture<Void> fourth = group.write(4, 1, 3, one("d", 1));
        assertThatThrownBy(() -> fourth.get(5, TimeUnit.SECONDS)).hasMessageContaining("decided after was not recorded");
        assertThat(commits).isEmpty();
    }

    @Test
    void givenATransactionParkedBehindAnother_whenTheOthersSyncFails_thenItFailsAndIsNotCommitted() throws Exception {
        group = new GroupCommit(recording(true), Duration.ofSeconds(5));
        failingSyncs.set(1);
        CompletableFuture<Void> first = group.write(1, 1, one("a", 1));
        assertThat(firstSyncStarted.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> second = group.write(2, 1, 1, one("b", 1));
        releaseFirstSync.countDown();

        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("sync failed (made by the test)");
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasMessageContaining("decided after was not recorded");
        group.write(3, 1, one("c", 1)).get(5, TimeUnit.SECONDS);
        assertThat(commits.stream().flatMap(List::stream).map(t -> t.get(0).persistenceId())).containsExactly("c");
    }

    @Test
    void givenATransactionQueuedBehindAnother_whenTheOthersCommitFails_thenBothFail() throws Exception {
        group = new GroupCommit(recording(true), Duration.ofSeconds(5));
        CompletableFuture<Void> holding = group.write(0, 1, one("x", 1));
        assertThat(firstSyncStarted.await(5, TimeUnit.SECONDS)).isTrue();
        // Both wait while the first sync is held: the second is queued right behind the first.
        failingEntity = "a";
        CompletableFuture<Void> first = group.write(1, 1, one("a", 1));
        CompletableFuture<Void> second = group.write(2, 1, 1, one("b", 1));
        releaseFirstSync.countDown();

        holding.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(commits.stream().flatMap(List::stream).map(t -> t.get(0).persistenceId())).containsExactly("x");
    }

    @Test
    void givenATransactionQueuedForTheCommitAfterTheOneItFollows_whenThatCommitFails_thenItFailsUncommitted()
            throws Exception {
        group = new GroupCommit(recording(true), Duration.ofSeconds(5));
        CompletableFuture<Void> holding = group.write(0, 1, one("x", 1));
        assertThat(firstSyncStarted.await(5, TimeUnit.SECONDS)).isTrue();
        failingEntity = "a";
        // The first fills a commit of its own: the second waits for the next.
        List<Ordered> full = new ArrayList<>();
        for (int i = 1; i <= GroupCommit.MAX_ENTRIES_PER_COMMIT; i++) {
            full.add(new Ordered(new Entry("a", i, new byte[0]), i));
        }
        CompletableFuture<Void> first = group.write(1, 1, full);
        CompletableFuture<Void> second = group.write(2, 1, 1, one("b", 1));
        releaseFirstSync.countDown();

        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("commit failed (made by the test)");
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasMessageContaining("decided after was not recorded");
        holding.get(5, TimeUnit.SECONDS);
        assertThat(commits.stream().flatMap(List::stream).map(t -> t.get(0).persistenceId())).containsExactly("x");
    }

    @Test
    void givenATransactionThatFollowsOneNeverSeen_whenThePartTimeoutPasses_thenItFails() {
        group = new GroupCommit(recording(false), Duration.ofMillis(300));

        CompletableFuture<Void> orphan = group.write(2, 1, 77, one("b", 1));

        assertThatThrownBy(() -> orphan.get(5, TimeUnit.SECONDS)).hasMessageContaining("decided after was not recorded");
        assertThat(commits).isEmpty();
    }

    @Test
    void givenATransactionParkedBehindAnother_whenTheJournalCloses_thenItFailsRatherThanWaitForever() {
        group = new GroupCommit(recording(false), Duration.ofMinutes(5));
        CompletableFuture<Void> parked = group.write(2, 1, 1, one("b", 1));

        group.close();

        assertThat(parked).isCompletedExceptionally();
        assertThat(commits).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
