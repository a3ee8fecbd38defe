package io.quiesce.internal.persistence.reliability;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.quiesce.internal.persistence.journal.DecisionJournal;
import io.quiesce.internal.persistence.journal.JournalStore;
import org.apache.pekko.persistence.AtomicWrite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The library's journal, failing every write of one persistence id while {@link #failing} names
 * it: as a disk error (the write fails) or as an entry the journal cannot take (the write is
 * rejected). Writes of other entities still land. Installed, like the benchmarks' counting
 * journal, through the system property that Pekko's reference configuration reads.
 */
public final class FailingLeveldbJournal extends DecisionJournal {
    private static final String CLASS_KEY = "quiesce.journal.class";

    enum Mode { FAIL, REJECT }

    static volatile String failing;
    static volatile Mode mode = Mode.FAIL;
    /** Writes of this persistence id wait for {@link #release} (so the commands behind them queue up). */
    static volatile String holding;
    static volatile CountDownLatch release = new CountDownLatch(0);
    /**
     * A commit holding an entry of this persistence id waits for {@link #release} (a slow sync: the
     * writes have reached the journal); the next commit holding one of {@link #failingCommit} fails.
     */
    static volatile String holdingCommit;
    static volatile String failingCommit;

    public FailingLeveldbJournal(Config config) {
        // The parts this journal fails never arrive for their partners: waiting the usual five seconds for
        // them would outlast the tests' command timeout.
        super(config.withValue("part-timeout", ConfigValueFactory.fromAnyRef("500ms")));
    }

    @Override
    protected CompletableFuture<List<Optional<Exception>>> writeAll(List<AtomicWrite> writes) {
        if (writes.stream().anyMatch(w -> w.persistenceId().equals(holding))) {
            awaitRelease();
        }
        if (writes.stream().noneMatch(w -> w.persistenceId().equals(failing))) {
            return super.writeAll(writes);
        }
        if (mode == Mode.FAIL) {
            return CompletableFuture.failedFuture(new IOException("disk error made by the test"));
        }
        List<Optional<Exception>> rejected = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            rejected.add(Optional.of(new IllegalArgumentException("entry refused by the test")));
        }
        return CompletableFuture.completedFuture(rejected);
    }

    @Override
    protected void commit(List<List<JournalStore.Entry>> transactions, List<JournalStore.Deletion> deletions)
            throws IOException {
        if (holds(transactions, holdingCommit)) {
            awaitRelease();
        }
        if (holds(transactions, failingCommit)) {
            failingCommit = null; // once
            throw new IOException("sync failed (made by the test)");
        }
        super.commit(transactions, deletions);
    }

    private static boolean holds(List<List<JournalStore.Entry>> transactions, String persistenceId) {
        return persistenceId != null && transactions.stream().flatMap(List::stream)
                .anyMatch(e -> e.persistenceId().equals(persistenceId));
    }

    private static void awaitRelease() {
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the held write");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Actor systems created from now on (in this JVM) use this journal. */
    static void install() {
        System.setProperty(CLASS_KEY, FailingLeveldbJournal.class.getName());
        ConfigFactory.invalidateCaches();
    }

    static void uninstall() {
        failing = null;
        mode = Mode.FAIL;
        holding = null;
        holdingCommit = null;
        failingCommit = null;
        release.countDown();
        System.clearProperty(CLASS_KEY);
        ConfigFactory.invalidateCaches();
    }
}
