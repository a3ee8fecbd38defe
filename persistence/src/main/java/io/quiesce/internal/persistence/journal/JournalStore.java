package io.quiesce.internal.persistence.journal;

import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.Snapshot;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The journal's LevelDB. Keys:
 * <ul>
 *   <li>{@code e} entity sequence-number: the serialized entry (an entity's entries in sequence
 *       order, for replay);</li>
 *   <li>{@code c} commit: the {@code e} keys of that transaction's entries, in its order, each with
 *       a two-byte length (the commit order, for the history: one entry per transaction, so the
 *       index costs little when transactions are large);</li>
 *   <li>{@code h} entity: its highest sequence number when its entries were last deleted (those
 *       deleted are no longer there to say it); past it, its last {@code e} key says it;</li>
 *   <li>{@code m format}: this layout's version; {@code m last-commit}: the last commit number. Keys of Pekko's own LevelDB journal start with a zero
 *       byte, ours never do ({@link EarlierFormat} converts those).</li>
 * </ul>
 * Only the {@link GroupCommit} thread writes (and, before it starts, the conversion of an earlier
 * journal); reads come from any thread. Closing waits for every
 * read and write under way: closing LevelDB under one crashes its native code.
 */
public final class JournalStore implements JournalBackend {
    static final byte EVENT = 'e';
    static final byte COMMIT = 'c';
    static final byte HIGHEST = 'h';
    static final byte[] FORMAT_KEY = "mformat".getBytes(StandardCharsets.US_ASCII);
    /**
     * Version 2: entries in the compact {@link EntryFormat}, and {@code h} keys only for deleted
     * entries. Version 1 is read as well. A format this version does not know is refused: a later
     * one may store what this one would misread (as version 1 would misread version 2's {@code h} keys).
     */
    static final byte[] FORMAT = "quiesce-journal/2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORMAT_1 = "quiesce-journal/1".getBytes(StandardCharsets.US_ASCII);
    /** The last commit number, so opening need not look for it. */
    static final byte[] LAST_COMMIT_KEY = "mlast-commit".getBytes(StandardCharsets.US_ASCII);

    /** One entry to write: a persistent actor's event at its sequence number, serialized. */
    public record Entry(String persistenceId, long sequenceNr, byte[] bytes) {
    }

    private final Path directory;
    private final DB db;
    private final WriteOptions writeOptions;
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private boolean closed;
    private long lastCommit;
    private final java.util.concurrent.atomic.LongAdder batchesWritten = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder entriesWritten = new java.util.concurrent.atomic.LongAdder();

    private JournalStore(Path directory, DB db, boolean sync) {
        this.directory = directory;
        this.db = db;
        this.writeOptions = new WriteOptions().sync(sync);
        this.lastCommit = readLastCommit();
    }

    /**
     * LevelDB's in-memory table, and so its log, holds this many bytes before it is written out as a
     * sorted file: 32 MiB, not LevelDB's 4 MiB. Under session churn its background compaction, which
     * merges those files, took a third of the process's CPU with 4 MiB (as much as all its actors),
     * and about half that with 32. The cost: up to twice this in native memory while one table is
     * written out, and up to this much log to read back when a directory is opened (LevelDB writes
     * its table out only once full, so after a clean close as well as after a crash).
     */
    public static final int WRITE_BUFFER_BYTES = 32 << 20;

    /** LevelDB's options for the journal: {@link #WRITE_BUFFER_BYTES}, the rest LevelDB's defaults. */
    public static Options options() {
        return new Options().createIfMissing(true).writeBufferSize(WRITE_BUFFER_BYTES);
    }

    /** Opens (creating if need be) the journal in {@code directory}; {@code sync}: each commit reaches the disk. */
    public static JournalStore open(Path directory, boolean sync) throws IOException {
        // Opening has checked every block already (and let only a crash's torn last record through,
        // which paranoid checks would refuse); reads verify checksums as they go.
        DB db = JniDBFactory.factory.open(directory.toFile(), options());
        byte[] format = db.get(FORMAT_KEY);
        if (format != null && !Arrays.equals(format, FORMAT) && !Arrays.equals(format, FORMAT_1)) {
            db.close();
            throw new IOException("the journal " + directory + " is of format "
                    + new String(format, StandardCharsets.US_ASCII) + ", which this version of Quiesce cannot"
                    + " read: was it written by a newer version?");
        }
        return new JournalStore(directory, db, sync);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public String name() {
        return directory.toString();
    }

    /**
     * Writes whole transactions, each under the next commit number, their entries in the order given,
     * and the deletions, in one {@code WriteBatch} and one sync: all of it lands or none.
     */
    @Override
    public void commit(List<List<Entry>> transactions, List<Deletion> deletions) throws IOException {
        whileOpen(() -> {
            WriteBatch batch = db.createWriteBatch();
            try {
                long commit = lastCommit;
                int entries = 0;
                for (List<Entry> transaction : transactions) {
                    commit++;
                    List<byte[]> keys = new ArrayList<>(transaction.size());
                    for (Entry e : transaction) {
                        byte[] key = eventKey(e.persistenceId(), e.sequenceNr());
                        batch.put(key, e.bytes());
                        keys.add(key);
                    }
                    batch.put(commitKey(commit), keyList(keys));
                    entries += transaction.size();
                }
                for (Deletion d : deletions) {
                    delete(batch, d);
                }
                batch.put(LAST_COMMIT_KEY, ByteBuffer.allocate(Long.BYTES).putLong(commit).array());
                batch.put(FORMAT_KEY, FORMAT);
                db.write(batch, writeOptions);
                lastCommit = commit;
                batchesWritten.increment();
                entriesWritten.add(entries);
            } finally {
                batch.close();
            }
            return null;
        });
    }

    /** A request to delete an entity's entries up to a sequence number. */
    public record Deletion(String persistenceId, long toSequenceNr) {
    }

    private void delete(WriteBatch batch, Deletion d) {
        // What deleting its entries would take away: a commit writes no h key, to write less.
        batch.put(highestKey(d.persistenceId()), ByteBuffer.allocate(Long.BYTES)
                .putLong(highest(d.persistenceId())).array());
        byte[] from = eventKey(d.persistenceId(), 0);
        try (DBIterator it = db.iterator(new ReadOptions().fillCache(false))) {
            for (it.seek(from); it.hasNext(); ) {
                Map.Entry<byte[], byte[]> next = it.next();
                byte[] key = next.getKey();
                if (!samePersistenceId(key, from) || sequenceNrOf(key) > d.toSequenceNr()) {
                    break;
                }
                // The commit's entry keeps its key: reading the commit order skips what is gone.
                batch.delete(key);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code WriteBatch}es written since opening: one sync each when syncing. */
    @Override
    public long batchesWritten() {
        return batchesWritten.sum();
    }

    /** Entries written since opening. */
    @Override
    public long entriesWritten() {
        return entriesWritten.sum();
    }

    /** The highest sequence number ever written for the entity (0: none), deleted entries included. */
    @Override
    public long highestSequenceNr(String persistenceId) throws IOException {
        return whileOpen(() -> highest(persistenceId));
    }

    private long highest(String persistenceId) {
        // Both reads on one snapshot: a deletion landing between them could otherwise hide the number.
        Snapshot snapshot = db.getSnapshot();
        ReadOptions read = new ReadOptions().snapshot(snapshot);
        byte[] value = db.get(highestKey(persistenceId), read);
        long kept = value == null ? 0L : ByteBuffer.wrap(value).getLong();
        byte[] end = eventKey(persistenceId, Long.MAX_VALUE);
        try (snapshot; DBIterator it = db.iterator(read)) {
            it.seek(end); // the first key past the entity's entries: the one before it may be its last
            byte[] last;
            if (it.hasNext()) {
                last = it.hasPrev() ? it.peekPrev().getKey() : null;
            } else {
                it.seekToLast();
                last = it.hasNext() ? it.peekNext().getKey() : null;
            }
            return last != null && samePersistenceId(last, end) ? Math.max(kept, sequenceNrOf(last)) : kept;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands {@code each} the entity's entries from {@code from} to {@code to}, at most {@code max}, in order. */
    @Override
    public void replay(String persistenceId, long from, long to, long max, Consumer<byte[]> each) throws IOException {
        whileOpen(() -> {
            byte[] start = eventKey(persistenceId, Math.max(from, 0));
            long count = 0;
            try (DBIterator it = db.iterator(new ReadOptions().verifyChecksums(true))) {
                for (it.seek(start); it.hasNext() && count < max; count++) {
                    Map.Entry<byte[], byte[]> next = it.next();
                    if (!samePersistenceId(next.getKey(), start) || sequenceNrOf(next.getKey()) > to) {
                        break;
                    }
                    each.accept(next.getValue());
                }
            }
            return null;
        });
    }

    /** Hands {@code each} every entry of the directory in commit order (within a commit, in its order). */
    @Override
    public void readInCommitOrder(Consumer<byte[]> each) throws IOException {
        whileOpen(() -> {
            try (DBIterator it = db.iterator(new ReadOptions().verifyChecksums(true).fillCache(false))) {
                for (it.seek(new byte[] {COMMIT}); it.hasNext(); ) {
                    Map.Entry<byte[], byte[]> next = it.next();
                    if (next.getKey()[0] != COMMIT) {
                        break;
                    }
                    ByteBuffer keys = ByteBuffer.wrap(next.getValue());
                    while (keys.hasRemaining()) {
                        byte[] key = new byte[keys.getShort() & 0xffff];
                        keys.get(key);
                        byte[] value = db.get(key);
                        if (value != null) {
                            each.accept(value);
                        }
                    }
                }
            }
            return null;
        });
    }

    /** Runs {@code action} with the LevelDB open; it stays open until the action ends. */
    <T> T whileOpen(IoAction<T> action) throws IOException {
        closing.readLock().lock();
        try {
            if (closed) {
                throw new IOException("the journal " + directory + " is closed");
            }
            return action.run();
        } finally {
            closing.readLock().unlock();
        }
    }

    interface IoAction<T> {
        T run() throws IOException;
    }

    DB db() {
        return db;
    }

    long lastCommit() {
        return lastCommit;
    }

    /** Continues the commit sequence after converted entries. */
    void lastCommit(long commit) {
        lastCommit = commit;
    }

    private long readLastCommit() {
        byte[] value = db.get(LAST_COMMIT_KEY);
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    static byte[] eventKey(String persistenceId, long sequenceNr) {
        byte[] id = persistenceId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + Short.BYTES + id.length + Long.BYTES).put(EVENT).putShort((short) id.length)
                .put(id).putLong(sequenceNr).array();
    }

    static byte[] commitKey(long commit) {
        return ByteBuffer.allocate(1 + Long.BYTES).put(COMMIT).putLong(commit).array();
    }

    static byte[] keyList(List<byte[]> keys) {
        ByteBuffer b = ByteBuffer.allocate(keys.stream().mapToInt(k -> Short.BYTES + k.length).sum());
        keys.forEach(k -> b.putShort((short) k.length).put(k));
        return b.array();
    }

    static byte[] highestKey(String persistenceId) {
        byte[] id = persistenceId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + id.length).put(HIGHEST).put(id).array();
    }

    private static boolean samePersistenceId(byte[] key, byte[] start) {
        int idEnd = start.length - Long.BYTES;
        return key.length == start.length && Arrays.equals(key, 0, idEnd, start, 0, idEnd);
    }

    private static long sequenceNrOf(byte[] eventKey) {
        return ByteBuffer.wrap(eventKey, eventKey.length - Long.BYTES, Long.BYTES).getLong();
    }

    /** Waits for every read and write under way, then closes the LevelDB. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                db.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot close the journal " + directory, e);
        } finally {
            closing.writeLock().unlock();
        }
    }
}
