package io.quiesce.persistence;

import com.typesafe.config.Config;
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

    /** The actor system configuration the library would use for this data directory. */
    public static Config pekkoConfig(Path dataDirectory, boolean fsync) {
        DataDirectory dir = DataDirectory.open(dataDirectory);
        try {
            return PekkoConfig.forDirectory(dir, QuiesceOptions.at(dataDirectory).withFsync(fsync));
        } finally {
            dir.close();
        }
    }

    /** The whole-journal check that {@link Quiesce#open} runs before starting the actors. */
    public static void verifyJournal(Path dataDirectory) {
        DataDirectory dir = DataDirectory.open(dataDirectory);
        try {
            JournalCheck.verify(dir);
        } finally {
            dir.close();
        }
    }
}
