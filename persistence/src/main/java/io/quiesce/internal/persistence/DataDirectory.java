package io.quiesce.internal.persistence;

import io.quiesce.JournalDatabase;
import io.quiesce.internal.persistence.journal.JournalBackend;
import io.quiesce.internal.persistence.journal.JournalStore;
import io.quiesce.internal.persistence.journal.OpenStores;
import io.quiesce.internal.persistence.journal.postgres.PostgresJournal;

import io.quiesce.DataDirectoryException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The data directory, created owner-only and held with a lock for as long as it is open. LevelDB
 * has its own lock, but a second process that meets it waits half a minute for a recovery
 * timeout; checking our own lock first makes it fail at once with a message that says why.
 */
final class DataDirectory implements AutoCloseable {
    private static final String LOCK_FILE = "quiesce.lock";

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;
    /** The journal, once opened; closed with the directory. */
    private JournalBackend journalStore;

    private DataDirectory(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectory open(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        try {
            createOwnerOnly(root);
            createOwnerOnly(root.resolve("journal"));
            createOwnerOnly(root.resolve("snapshots"));
        } catch (IOException e) {
            throw new DataDirectoryException(root, "cannot create or use data directory " + root + ": "
                    + e.getMessage(), e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw locked(root, null);
            }
            return new DataDirectory(root, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw locked(root, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DataDirectoryException(root, "cannot lock data directory " + root + ": " + e.getMessage(), e);
        } catch (DataDirectoryException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static DataDirectoryException locked(Path root, Throwable cause) {
        return new DataDirectoryException(root, "data directory " + root + " is in use by another process:"
                + " wait for it to finish, or use another --data directory.", cause);
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            if (!Files.isWritable(dir) || !Files.isReadable(dir)) {
                throw new IOException("not readable and writable");
            }
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
        }
    }

    Path root() {
        return root;
    }

    Path journal() {
        return root.resolve("journal");
    }

    Path snapshots() {
        return root.resolve("snapshots");
    }

    /**
     * Opens the journal (converting one of the earlier format) and makes it known to the journal
     * plugin; returns the name the plugin finds it by.
     */
    String openJournal(boolean fsync) {
        CleanClose.forget(root);
        JournalStore store;
        try {
            store = JournalStore.open(journal(), fsync);
        } catch (IOException e) {
            throw new DataDirectoryException(root, "cannot open the journal of data directory " + root + ": "
                    + e.getMessage(), e);
        }
        try {
            EarlierJournals.convertIfPresent(store);
            String name = OpenStores.register(store);
            journalStore = store;
            return name;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw new DataDirectoryException(root, "cannot convert the journal of data directory " + root
                    + " written by an earlier version: " + e.getMessage()
                    + ". Restore the directory from a backup, or move it aside to start with an empty one.", e);
        }
    }

    /**
     * Connects to the journal database instead (creating its tables when missing) and makes it known
     * to the journal plugin and the snapshot store; returns the name they find it by. {@code pool}: the
     * one pool this process holds, beside others holding other pools (null: every pool, alone).
     */
    String openJournal(JournalDatabase database, String pool, boolean fsync) {
        if (database == null) {
            return openJournal(fsync);
        }
        PostgresJournal store;
        try {
            store = pool == null
                    ? PostgresJournal.open(database.url(), database.user(), database.password(), fsync, true)
                    : PostgresJournal.openPool(database.url(), database.user(), database.password(), fsync, pool,
                    ManagementFactory.getRuntimeMXBean().getName() + " " + root);
        } catch (IOException e) {
            throw new DataDirectoryException(root, e.getMessage() + ".", e);
        }
        try {
            String name = OpenStores.register(store);
            journalStore = store;
            return name;
        } catch (RuntimeException e) {
            store.close();
            throw new DataDirectoryException(root, "cannot use the journal database " + database.url() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Completes, with the reason, once another process has taken over the pool this directory's
     * journal holds on its own; never for a journal that holds every pool.
     */
    CompletableFuture<String> takenOver() {
        return journalStore instanceof PostgresJournal db ? db.takenOver() : new CompletableFuture<>();
    }

    /** The journal database, when the journal is in one and holds one pool; null otherwise. */
    PostgresJournal poolJournal() {
        return journalStore instanceof PostgresJournal db && db.heldPool() != null ? db : null;
    }

    /**
     * The pools that processes each holding one pool created in the journal database, which a process
     * holding every pool reads as well as its own; none in the data directory's journal.
     */
    List<String> poolsHeldApart() {
        if (!(journalStore instanceof PostgresJournal db) || db.heldPool() != null) {
            return List.of();
        }
        try {
            return db.poolsHeldApart();
        } catch (IOException e) {
            throw new DataDirectoryException(root, "cannot list the pools of " + db.name() + ": " + e.getMessage(), e);
        }
    }

    /** Closes the journal (after the actor system is gone) and releases the directory. */
    @Override
    public void close() {
        if (journalStore != null) {
            OpenStores.unregister(journalStore);
            try {
                journalStore.close();
                if (journalStore instanceof JournalStore) {
                    // What the next opening compares the LevelDB files with; a database checks itself.
                    CleanClose.record(root, journal());
                }
            } finally {
                journalStore = null;
            }
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases it anyway.
        }
        closeQuietly(channel);
    }
}
