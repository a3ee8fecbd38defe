package io.quiesce.internal.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;

import java.nio.file.Path;

/**
 * The benchmarks' way to the library's package-private journal configuration and journal check,
 * so that the bare Pekko and LevelDB baselines run on exactly the configuration the library uses.
 * It lives in the benchmarks module, in the library's package; nothing in the library changes.
 */
public final class BenchmarkAccess {
    private BenchmarkAccess() {
    }

    /** A data directory held open with its journal, and the actor system configuration that uses it. */
    public static final class Opened implements AutoCloseable {
        private final DataDirectory dir;
        private final Config config;

        private Opened(DataDirectory dir, Config config) {
            this.dir = dir;
            this.config = config;
        }

        public Config config() {
            return config;
        }

        /** Closes the journal and releases the directory: only once the actor system has terminated. */
        @Override
        public void close() {
            dir.close();
        }
    }

    /** The actor system configuration the library would use for this data directory, its journal open. */
    public static Opened open(Path dataDirectory, boolean fsync) {
        DataDirectory dir = DataDirectory.open(dataDirectory);
        try {
            return new Opened(dir, PekkoConfig.forDirectory(dir, QuiesceOptions.at(dataDirectory).withFsync(fsync)));
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /**
     * The library's configuration with Pekko's own LevelDB journal in place of the library's: the
     * baseline of a bare Pekko actor as Pekko ships it.
     */
    @SuppressWarnings("deprecation")
    public static Config onPekkosLevelDbJournal(Path dataDirectory, boolean fsync) {
        DataDirectory dir = DataDirectory.open(dataDirectory);
        try {
            return ConfigFactory.parseString("""
                    pekko.persistence.journal.plugin = "pekko.persistence.journal.leveldb"
                    pekko.persistence.journal.leveldb.native = on
                    pekko.persistence.journal.leveldb.checksum = on
                    """).withValue("pekko.persistence.journal.leveldb.dir",
                            ConfigValueFactory.fromAnyRef(dir.journal().toString()))
                    .withValue("pekko.persistence.journal.leveldb.fsync", ConfigValueFactory.fromAnyRef(fsync))
                    .withFallback(PekkoConfig.forJournal(dir, QuiesceOptions.at(dataDirectory).withFsync(fsync),
                            "none"));
        } finally {
            dir.close();
        }
    }

    /**
     * The journal check that {@link Quiesce#open} runs before starting the actors: the files against
     * what the last clean close recorded, else every block read. Either way it removes that record.
     */
    public static void verifyJournal(Path dataDirectory) {
        DataDirectory dir = DataDirectory.open(dataDirectory);
        try {
            JournalCheck.verify(dir);
        } finally {
            dir.close();
        }
    }

    /** Records the journal as a clean close does, so that the next check finds it vouched for. */
    public static void recordCleanClose(Path dataDirectory) {
        DataDirectory dir = DataDirectory.open(dataDirectory);
        try {
            CleanClose.record(dir.root(), dir.journal());
        } finally {
            dir.close();
        }
    }
}
