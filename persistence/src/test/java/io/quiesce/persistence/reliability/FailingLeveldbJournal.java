package io.quiesce.persistence.reliability;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.journal.leveldb.LeveldbJournal;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import scala.util.Failure;
import scala.util.Try;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Pekko's LevelDB journal, failing every write of one persistence id while {@link #failing} names
 * it: as a disk error (the write fails) or as an entry the journal cannot take (the write is
 * rejected). Writes of other entities still land. Installed, like the benchmarks' counting
 * journal, through the system property that Pekko's reference configuration reads.
 */
@SuppressWarnings("deprecation") // Pekko deprecates its LevelDB journal; the library uses it.
public final class FailingLeveldbJournal extends LeveldbJournal {
    private static final String CLASS_KEY = "pekko.persistence.journal.leveldb.class";

    enum Mode { FAIL, REJECT }

    static volatile String failing;
    static volatile Mode mode = Mode.FAIL;
    /** Writes of this persistence id wait for {@link #release} (so the commands behind them queue up). */
    static volatile String holding;
    static volatile CountDownLatch release = new CountDownLatch(0);

    public FailingLeveldbJournal(Config config) {
        super(config);
    }

    @Override
    public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
        List<AtomicWrite> all = CollectionConverters.asJava(messages);
        if (all.stream().anyMatch(w -> w.persistenceId().equals(holding))) {
            awaitRelease();
        }
        if (all.stream().noneMatch(w -> w.persistenceId().equals(failing))) {
            return super.asyncWriteMessages(messages);
        }
        if (mode == Mode.FAIL) {
            return Futures.failed(new IOException("disk error made by the test"));
        }
        List<Try<BoxedUnit>> rejected = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            rejected.add(new Failure<>(new IllegalArgumentException("entry refused by the test")));
        }
        return Future.successful(CollectionConverters.asScala(rejected).toList());
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
        release.countDown();
        System.clearProperty(CLASS_KEY);
        ConfigFactory.invalidateCaches();
    }
}
