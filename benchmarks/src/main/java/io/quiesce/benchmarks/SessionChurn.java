package io.quiesce.benchmarks;

import io.quiesce.JournalDatabase;
import io.quiesce.internal.persistence.journal.JournalBackend;
import io.quiesce.internal.persistence.journal.JournalStore;
import io.quiesce.internal.persistence.journal.OpenStores;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/** B1: sessions opened and ended through the persistent services, beside raw LevelDB and bare Pekko. */
final class SessionChurn implements Benchmark {
    private int servers;
    private int clients;
    private Duration window;
    private int warmups;
    private int iterations;

    @Override
    public String id() {
        return "B1";
    }

    @Override
    public String title() {
        return "session churn";
    }

    @Override
    public String method() {
        return "A pool of `servers` servers × 9 services on a new data directory; `clients` concurrent clients each"
                + " open a session (`connectAsync`, features rotating over the nine services) and end it (`endAsync`),"
                + " one command in flight per client; events recorded per second, sampled in back-to-back windows of"
                + " `window` seconds. Raw LevelDB: one thread writing the CBOR bytes of real `SessionStarted`/"
                + "`SessionEnded` events (serialized by `QuiesceSerializer`) with `WriteBatch`es of 1 event (what one"
                + " service write of the library carries under this load), of `clients` events (every client's command"
                + " in one write) and of as many events as the API's own journal writes carried in the run just before"
                + " (rounded; the same batch size), `WriteOptions.sync` on/off, with LevelDB's default options, and at"
                + " the API's batch size once more with the journal's own options (LevelDB's defaults but a write"
                + " buffer of " + (JournalStore.WRITE_BUFFER_BYTES >> 20) + " MiB, not 4). Bare Pekko:"
                + " `EventSourcedBehavior` counters (as many as services) persisting a one-byte event, asked by `clients` concurrent clients, on the"
                + " library's configuration but with Pekko's own LevelDB journal (what a bare Pekko actor gets), its"
                + " writes counted by a subclass of Pekko's `LeveldbJournal`. The library's journal counts its own"
                + " commits (one `WriteBatch`, one sync each) and entries. With `journal` set to an empty PostgreSQL"
                + " database (`jdbc:postgresql://...`, user and password from $QUIESCE_DB_USER and"
                + " $QUIESCE_DB_PASSWORD), the API also runs with its journal there, fsync on (one transaction, one"
                + " synchronous commit per journal write)";
    }

    @Override
    public List<Figure> run(Settings settings, Path work) throws Exception {
        servers = settings.integer("b1.servers", 10, 2);
        clients = settings.integer("b1.clients", 64, 4);
        window = settings.seconds("b1.window", 3, 0.3);
        // Three windows discarded: the first load, the API with fsync off, runs in a fresh JVM whose compilers
        // compete with it for two cores; after one 3-second window it measured 17,436 events/s, after four 26,574.
        warmups = settings.warmups("b1", 3);
        iterations = settings.iterations("b1", 5);
        String journal = settings.text("b1.journal", "", "");
        int services = servers * Pools.SERVICES_PER_SERVER;
        List<Figure> rows = new ArrayList<>();
        Figure[] api = new Figure[2];
        Figure[] raw1 = new Figure[2];
        Figure[] rawK = new Figure[2];
        Figure[] pekko = new Figure[2];
        Figure[] rawSame = new Figure[2];
        Figure[] rawTuned = new Figure[2];
        int[] apiBatch = new int[2];
        for (boolean fsync : new boolean[] {false, true}) {
            int f = fsync ? 1 : 0;
            String on = fsync ? "on" : "off";
            Measured measured = api(QuiesceOptions.at(Work.fresh(work, "b1-api-" + on)).withFsync(fsync),
                    "Quiesce API, fsync " + on);
            api[f] = measured.figure();
            rows.add(api[f]);
            apiBatch[f] = (int) Math.max(1, Math.round(measured.eventsPerWrite()));
            raw1[f] = raw(Work.fresh(work, "b1-raw1-" + on), fsync, 1, services,
                    "raw LevelDB JNI, 1 event per WriteBatch, sync " + on);
            rows.add(raw1[f]);
            rawK[f] = raw(Work.fresh(work, "b1-rawK-" + on), fsync, clients, services,
                    "raw LevelDB JNI, " + clients + " events per WriteBatch, sync " + on);
            rows.add(rawK[f]);
            if (apiBatch[f] != 1 && apiBatch[f] != clients) {
                rawSame[f] = raw(Work.fresh(work, "b1-rawSame-" + on), fsync, apiBatch[f], services,
                        "raw LevelDB JNI, " + apiBatch[f] + " events per WriteBatch (the API's own batch size above),"
                                + " sync " + on);
                rows.add(rawSame[f]);
            }
            rawTuned[f] = raw(Work.fresh(work, "b1-rawTuned-" + on), fsync, apiBatch[f], services, true,
                    "raw LevelDB JNI, " + apiBatch[f] + " events per WriteBatch, the journal's LevelDB options,"
                            + " sync " + on);
            rows.add(rawTuned[f]);
            pekko[f] = pekko(Work.fresh(work, "b1-pekko-" + on), fsync, services, "bare Pekko counter, fsync " + on);
            rows.add(pekko[f]);
        }
        if (!journal.isBlank()) {
            JournalDatabase database = new JournalDatabase(journal, System.getenv().getOrDefault("QUIESCE_DB_USER", ""),
                    System.getenv().getOrDefault("QUIESCE_DB_PASSWORD", ""));
            Figure postgres = api(QuiesceOptions.at(Work.fresh(work, "b1-api-postgres")).withJournal(database),
                    "Quiesce API on PostgreSQL, fsync on").figure();
            rows.add(postgres);
            rows.add(Figure.ratio(id(), "Quiesce API on PostgreSQL / on LevelDB, fsync on", postgres, api[1], ""));
        }
        for (int f = 0; f < 2; f++) {
            String on = f == 1 ? "on" : "off";
            rows.add(Figure.ratio(id(), "Quiesce API / raw LevelDB (1 event per write), fsync " + on, api[f], raw1[f],
                    ""));
            rows.add(Figure.ratio(id(), "Quiesce API / raw LevelDB (" + clients + " events per write), fsync " + on,
                    api[f], rawK[f], ""));
            if (rawSame[f] != null) {
                rows.add(Figure.ratio(id(), "Quiesce API / raw LevelDB (" + apiBatch[f] + " events per write, the API's"
                        + " own batch size), fsync " + on, api[f], rawSame[f], ""));
            }
            rows.add(Figure.ratio(id(), "Quiesce API / raw LevelDB (" + apiBatch[f] + " events per write, the journal's"
                    + " LevelDB options), fsync " + on, api[f], rawTuned[f], ""));
            rows.add(Figure.ratio(id(), "Quiesce API / bare Pekko counter, fsync " + on, api[f], pekko[f], ""));
        }
        return rows;
    }

    private Measured api(QuiesceOptions options, String name) throws Exception {
        try (Quiesce q = Quiesce.open(options)) {
            Pools.create(q.as(Pools.ADMIN), servers);
            JournalBackend store = OpenStores.get(options.journal() != null ? options.journal().url()
                    : q.dataDirectory().resolve("journal").toString());
            ApiChurn load = new ApiChurn(q, clients, true, Long.MAX_VALUE);
            return measure(load, name, store::batchesWritten, store::entriesWritten);
        }
    }

    private Figure raw(Path dir, boolean sync, int batch, int entities, String name) throws Exception {
        return raw(dir, sync, batch, entities, false, name);
    }

    private Figure raw(Path dir, boolean sync, int batch, int entities, boolean journalOptions, String name)
            throws Exception {
        RawLevelDb load = new RawLevelDb(dir, sync, batch, entities, journalOptions);
        Figure f = measure(load, name, null, null).figure();
        return new Figure(f.id(), f.name(), f.unit(), f.summary(), String.format(Locale.ROOT,
                "%.0f bytes of CBOR per event", RawLevelDb.averageSize(RawLevelDb.payloads(1024))));
    }

    private Figure pekko(Path dir, boolean fsync, int counters, String name) throws Exception {
        return measure(new CounterLoad(dir, fsync, counters, clients), name, CountingLeveldbJournal.WRITES::sum,
                CountingLeveldbJournal.EVENTS::sum).figure();
    }

    /** A load's figure, and the events per journal write it measured (0 when its journal is not counted). */
    private record Measured(Figure figure, double eventsPerWrite) {
    }

    /** Runs the load through the warm-up and measured windows; notes events per journal write when counted. */
    private Measured measure(Load load, String name, LongSupplier writesSoFar, LongSupplier eventsSoFar)
            throws Exception {
        boolean journalCounted = writesSoFar != null;
        load.start();
        try {
            Load.windows(load, warmups, 0, window);
            long w0 = journalCounted ? writesSoFar.getAsLong() : 0;
            long e0 = journalCounted ? eventsSoFar.getAsLong() : 0;
            double[] rates = Load.windows(load, 0, iterations, window);
            long writes = journalCounted ? writesSoFar.getAsLong() - w0 : 0;
            long events = journalCounted ? eventsSoFar.getAsLong() - e0 : 0;
            String note = "";
            if (journalCounted) {
                double seconds = iterations * window.toMillis() / 1000.0;
                note = writes == 0 ? "journal writes not counted" : String.format(Locale.ROOT,
                        "%.2f events per journal write, %,.0f writes/s", events / (double) writes, writes / seconds);
            }
            if (load.failures.sum() > 0) {
                note += (note.isEmpty() ? "" : "; ") + load.failures.sum() + " failed: " + load.firstFailure;
            }
            return new Measured(Figure.of(id(), name, "events/s", rates, note),
                    writes == 0 ? 0 : events / (double) writes);
        } finally {
            load.stop();
        }
    }
}
