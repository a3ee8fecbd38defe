package io.quiesce.persistence;

import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads the whole journal once, checksums included, before the actors see it. Left to itself,
 * LevelDB drops a damaged write-ahead-log record without a word, starts an empty database when
 * CURRENT is gone, and a journal it cannot read leaves every entity retrying until the recovery
 * timeout. Any of these would open the directory with part of its history, or hang; this check
 * refuses it at once instead, saying what to do.
 */
final class JournalCheck {
    private JournalCheck() {
    }

    static void verify(DataDirectory dir) {
        Path journal = dir.journal();
        if (!Files.exists(journal.resolve("CURRENT"))) {
            if (holdsAny(journal, "\\d+\\.(log|sst|ldb)") || holdsAny(dir.snapshots(), "snapshot-.*")) {
                throw damaged(dir, "its journal has no CURRENT file, so LevelDB would start an empty one");
            }
            return; // a new data directory
        }
        // Paranoid checks turn a damaged log record into an error instead of skipping it.
        Options options = new Options().createIfMissing(false).paranoidChecks(true);
        try (DB db = JniDBFactory.factory.open(journal.toFile(), options);
             DBIterator entries = db.iterator(new ReadOptions().verifyChecksums(true).fillCache(false))) {
            for (entries.seekToFirst(); entries.hasNext(); entries.next()) {
                // Reading every entry verifies every block's checksum.
            }
        } catch (IOException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw damaged(dir, "its journal cannot be read (" + root.getMessage() + ")");
        }
    }

    /** Whether the directory holds a file whose name matches: data, not just what LevelDB writes on creation. */
    private static boolean holdsAny(Path dir, String namePattern) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> p.getFileName().toString().matches(namePattern));
        } catch (IOException e) {
            return true; // unreadable is not empty: let the caller refuse it
        }
    }

    private static DataDirectoryException damaged(DataDirectory dir, String what) {
        return new DataDirectoryException(dir.root(), "data directory " + dir.root() + " is damaged: " + what
                + ". Restore the directory from a backup, or move it aside to start with an empty one.", null);
    }
}
