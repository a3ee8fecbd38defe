package io.quiesce.internal.persistence;

import io.quiesce.DataDirectoryException;
import io.quiesce.internal.persistence.journal.JournalStore;
import org.fusesource.leveldbjni.internal.NativeDB;
import org.fusesource.leveldbjni.internal.NativeIterator;
import org.fusesource.leveldbjni.internal.NativeOptions;
import org.fusesource.leveldbjni.internal.NativeReadOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads the whole journal once, checksums included, before the actors see it. Left to itself,
 * LevelDB drops a damaged write-ahead-log record without a word, starts an empty database when
 * CURRENT is gone, and a journal it cannot read leaves every entity retrying until the recovery
 * timeout. Any of these would open the directory with part of its history, or hang; this check
 * refuses it at once instead, saying what to do. A journal just as the last clean close left it
 * ({@link CleanClose}) is not read again.
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
        if (CleanClose.vouchesFor(dir.root(), journal)) {
            return;
        }
        try {
            readEveryBlock(journal, true);
        } catch (IOException | RuntimeException e) {
            if (!tornTailOnly(journal)) {
                throw damaged(dir, "its journal cannot be read (" + rootMessage(e) + ")");
            }
            // Only a crash's torn last write: LevelDB drops it when it is not paranoid; the rest is checked as ever.
            try {
                readEveryBlock(journal, false);
            } catch (IOException | RuntimeException again) {
                throw damaged(dir, "its journal cannot be read (" + rootMessage(again) + ")");
            }
        }
    }

    private static boolean tornTailOnly(Path journal) {
        try {
            return LogTail.onlyTornTails(journal);
        } catch (IOException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * Steps through every entry with checksums verified. LevelDB's native iterator is used as is:
     * the library's wrapper copies each key and value into Java arrays, which took most of the
     * time (about twice as long over a million entries) and is not needed to read the blocks.
     */
    private static void readEveryBlock(Path journal, boolean paranoid) throws IOException {
        // Paranoid checks turn a damaged log record into an error instead of skipping it.
        NativeDB db = NativeDB.open(new NativeOptions().createIfMissing(false).paranoidChecks(paranoid)
                        .writeBufferSize(JournalStore.WRITE_BUFFER_BYTES),
                journal.toFile());
        try {
            NativeIterator entries = db.iterator(new NativeReadOptions().verifyChecksums(true).fillCache(false));
            try {
                // Unlike seekToFirst, seek reports a damaged first block instead of just finding nothing;
                // next reports one met later. The empty key is before every key.
                for (entries.seek(new byte[0]); entries.isValid(); entries.next()) {
                    // Reaching an entry has read and checked its block.
                }
            } finally {
                entries.delete();
            }
        } finally {
            db.delete();
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
