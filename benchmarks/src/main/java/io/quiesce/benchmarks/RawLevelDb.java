package io.quiesce.benchmarks;

import io.quiesce.event.Event;
import io.quiesce.internal.persistence.journal.JournalStore;
import io.quiesce.internal.persistence.serialization.QuiesceSerializer;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One thread (the journal is one actor, so one writer) putting the CBOR bytes of real session
 * events into LevelDB through JNI, {@code batch} events per {@code WriteBatch}, synced or not.
 * Keys are laid out as the journal's: (entity number, sequence number, 0).
 */
final class RawLevelDb extends Load {
    private final Path dir;
    private final boolean sync;
    private final int batch;
    private final int entities;
    private final boolean journalOptions;
    private final byte[][] payloads;
    private volatile boolean running;
    private Thread writer;
    private DB db;

    /** @param journalOptions LevelDB's options as the journal sets them; false: LevelDB's defaults */
    RawLevelDb(Path dir, boolean sync, int batch, int entities, boolean journalOptions) {
        this.dir = dir;
        this.sync = sync;
        this.batch = batch;
        this.entities = entities;
        this.journalOptions = journalOptions;
        this.payloads = payloads(1024);
    }

    /** Serialized SessionStarted and SessionEnded events, as the service entities journal them. */
    static byte[][] payloads(int count) {
        QuiesceSerializer serializer = new QuiesceSerializer();
        Instant at = Instant.parse("2026-11-26T22:00:00.123Z");
        byte[][] result = new byte[count][];
        for (int i = 0; i < count; i++) {
            String server = Pools.server(i % 10);
            String service = "Lync Server IM Conferencing";
            String id = ApiChurn.sessionId(i % 64, i);
            Event e = i % 2 == 0
                    ? new Event.SessionStarted(at.plusMillis(i), server, service, id, "im-conferencing", "bench")
                    : new Event.SessionEnded(at.plusMillis(i), server, service, id, "bench");
            result[i] = serializer.toBinary(e);
        }
        return result;
    }

    static double averageSize(byte[][] payloads) {
        long total = 0;
        for (byte[] p : payloads) {
            total += p.length;
        }
        return total / (double) payloads.length;
    }

    @Override
    void start() {
        try {
            db = JniDBFactory.factory.open(dir.toFile(),
                    journalOptions ? JournalStore.options() : new Options().createIfMissing(true));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        running = true;
        writer = new Thread(this::write, "raw-leveldb");
        writer.start();
    }

    private void write() {
        WriteOptions options = new WriteOptions().sync(sync);
        long[] sequence = new long[entities];
        long n = 0;
        try {
            while (running) {
                try (WriteBatch b = db.createWriteBatch()) {
                    for (int i = 0; i < batch; i++, n++) {
                        int entity = (int) (n % entities);
                        byte[] key = ByteBuffer.allocate(16).putInt(entity).putLong(++sequence[entity]).putInt(0)
                                .array();
                        b.put(key, payloads[(int) (n % payloads.length)]);
                    }
                    db.write(b, options);
                }
                events.add(batch);
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    @Override
    void stop() throws InterruptedException {
        running = false;
        writer.join();
        try {
            db.close();
        } catch (IOException e) {
            failed(e);
        }
    }
}
