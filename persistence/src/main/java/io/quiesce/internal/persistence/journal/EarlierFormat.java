package io.quiesce.internal.persistence.journal;

import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.WriteBatch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Journals written before this one, by Pekko's own LevelDB journal, in the same LevelDB. Its keys
 * are 20 bytes: an entity's number, a sequence number, a kind (0 an entry, 1 a deletion mark), and
 * padding; entity 1 maps numbers to persistence ids, sequence number 0 holds an entity's highest. All
 * of them start with a zero byte. The entries themselves are serialized the same way as ours, so
 * converting copies them; only the commit order has to be chosen, by whoever knows what they mean.
 */
public final class EarlierFormat {
    private static final int KEY_BYTES = 20;
    private static final int MAPPINGS = 1;
    private static final int DELETION_MARK = 1;

    /** Everything Pekko's journal held: entries in no particular order, and each entity's highest sequence number. */
    public record Earlier(List<JournalStore.Entry> entries, Map<String, Long> highest) {
    }

    private EarlierFormat() {
    }

    /** Whether the journal holds keys of the earlier layout. */
    public static boolean present(JournalStore store) throws IOException {
        return store.whileOpen(() -> {
            try (DBIterator it = store.db().iterator()) {
                it.seekToFirst();
                return it.hasNext() && it.peekNext().getKey()[0] == 0;
            }
        });
    }

    public static Earlier read(JournalStore store) throws IOException {
        return store.whileOpen(() -> {
            Map<Integer, String> ids = new HashMap<>();
            Map<Integer, Long> counters = new HashMap<>();
            record Raw(int id, long sequenceNr, byte[] bytes) {
            }
            List<Raw> raw = new ArrayList<>();
            java.util.Set<Long> deleted = new java.util.HashSet<>();
            try (DBIterator it = store.db().iterator()) {
                for (it.seekToFirst(); it.hasNext(); ) {
                    Map.Entry<byte[], byte[]> next = it.next();
                    byte[] key = next.getKey();
                    if (key[0] != 0) {
                        break;
                    }
                    ByteBuffer k = ByteBuffer.wrap(key);
                    int id = k.getInt();
                    long sequenceNr = k.getLong();
                    int kind = k.getInt();
                    if (id == MAPPINGS) {
                        ids.put(kind, new String(next.getValue(), StandardCharsets.UTF_8));
                    } else if (sequenceNr == 0) {
                        counters.put(id, ByteBuffer.wrap(next.getValue()).getLong());
                    } else if (kind == DELETION_MARK) {
                        deleted.add(((long) id << 32) ^ sequenceNr);
                    } else {
                        raw.add(new Raw(id, sequenceNr, next.getValue()));
                    }
                }
            }
            List<JournalStore.Entry> entries = new ArrayList<>();
            for (Raw r : raw) {
                if (!deleted.contains(((long) r.id() << 32) ^ r.sequenceNr())) {
                    entries.add(new JournalStore.Entry(name(ids, r.id()), r.sequenceNr(), r.bytes()));
                }
            }
            Map<String, Long> highest = new HashMap<>();
            for (Map.Entry<Integer, Long> c : counters.entrySet()) {
                highest.put(name(ids, c.getKey()), c.getValue());
            }
            return new Earlier(entries, highest);
        });
    }

    private static String name(Map<Integer, String> ids, int id) throws IOException {
        String name = ids.get(id);
        if (name == null) {
            throw new IOException("the earlier journal has entries of entity number " + id + " but no name for it");
        }
        return name;
    }

    /**
     * Replaces the earlier layout by ours in one atomic write: each entry becomes a commit of its own,
     * in the order given.
     */
    public static void convert(JournalStore store, List<JournalStore.Entry> inCommitOrder,
                               Map<String, Long> highest) throws IOException {
        store.whileOpen(() -> {
            WriteBatch batch = store.db().createWriteBatch();
            try {
                try (DBIterator it = store.db().iterator()) {
                    for (it.seekToFirst(); it.hasNext(); ) {
                        byte[] key = it.next().getKey();
                        if (key[0] != 0) {
                            break;
                        }
                        if (key.length == KEY_BYTES) {
                            batch.delete(key);
                        }
                    }
                }
                long commit = store.lastCommit();
                for (JournalStore.Entry e : inCommitOrder) {
                    commit++;
                    byte[] key = JournalStore.eventKey(e.persistenceId(), e.sequenceNr());
                    batch.put(key, e.bytes());
                    batch.put(JournalStore.commitKey(commit), JournalStore.keyList(List.of(key)));
                }
                highest.forEach((id, nr) -> batch.put(JournalStore.highestKey(id),
                        ByteBuffer.allocate(Long.BYTES).putLong(nr).array()));
                batch.put(JournalStore.LAST_COMMIT_KEY, ByteBuffer.allocate(Long.BYTES).putLong(commit).array());
                batch.put(JournalStore.FORMAT_KEY, JournalStore.FORMAT);
                // Always synced: the old layout is gone once this lands.
                store.db().write(batch, new org.iq80.leveldb.WriteOptions().sync(true));
                store.lastCommit(commit);
            } finally {
                batch.close();
            }
            return null;
        });
    }
}
