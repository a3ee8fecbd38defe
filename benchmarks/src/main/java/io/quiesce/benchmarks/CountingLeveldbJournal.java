package io.quiesce.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.journal.leveldb.LeveldbJournal;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.runtime.BoxedUnit;
import scala.util.Try;

import java.util.concurrent.atomic.LongAdder;

/**
 * Pekko's LevelDB journal, counting its writes: each call of {@code asyncWriteMessages} is one
 * LevelDB {@code WriteBatch} (one fsync when fsync is on), holding the events of one or more
 * persist calls. It tells how many events each journal write carries.
 *
 * <p>The library builds its actor system configuration itself, on top of Pekko's reference
 * configuration, which system properties override; {@link #install} sets the journal class that way.
 */
@SuppressWarnings("deprecation") // Pekko deprecates its LevelDB journal; the library uses it, so we count it.
public final class CountingLeveldbJournal extends LeveldbJournal {
    static final LongAdder WRITES = new LongAdder();
    static final LongAdder EVENTS = new LongAdder();
    private static final String CLASS_KEY = "pekko.persistence.journal.leveldb.class";

    public CountingLeveldbJournal(Config config) {
        super(config);
    }

    @Override
    public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
        long events = 0;
        Iterator<AtomicWrite> it = messages.iterator();
        while (it.hasNext()) {
            events += it.next().payload().size();
        }
        WRITES.increment();
        EVENTS.add(events);
        return super.asyncWriteMessages(messages);
    }

    /** Actor systems created from now on (in this JVM) use this journal. */
    static void install() {
        System.setProperty(CLASS_KEY, CountingLeveldbJournal.class.getName());
        ConfigFactory.invalidateCaches();
    }

    static void uninstall() {
        System.clearProperty(CLASS_KEY);
        ConfigFactory.invalidateCaches();
    }
}
