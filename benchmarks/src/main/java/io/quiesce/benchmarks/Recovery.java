package io.quiesce.benchmarks;

import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.internal.persistence.BenchmarkAccess;
import io.quiesce.rules.Deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** B3: opening a data directory whose services hold many events, to the first answered status. */
final class Recovery implements Benchmark {
    private String written = "";

    @Override
    public String id() {
        return "B3";
    }

    @Override
    public String title() {
        return "recovery";
    }

    @Override
    public String method() {
        return "The data directory is written with fsync off and a snapshot every 1000 events of an entity (the"
                + " default): a pool of `servers` servers through the API, then, by default (`b3.write=direct`), the"
                + " session events (a session started, then ended, on every service in turn) are sent straight to the"
                + " library's own service entities, `perWrite` events per journal write, without the gatekeeper:"
                + " the API writes about 1 event per journal write and would take many minutes for a million events"
                + " (`-Dquiesce.bench.b3.write=api` writes them through the API with `clients` concurrent clients"
                + " instead). The journal holds the same entries either way. A copy without its snapshot files is"
                + " the \"without snapshots\" case (the same journal, every event replayed). Each iteration opens"
                + " the directory in this JVM (`Quiesce.open`, which first checks the journal's files against"
                + " what the last clean close recorded) and times until the first `status()` answers, then"
                + " closes it; the files are in the OS page cache (warm), and `sync` has written out what the OS held for"
                + " the disk before each opening, so no earlier write competes with its own. The first opening after writing replays"
                + " each service's events past its last regular snapshot (every 1000 events); its clean close"
                + " snapshots every service with at least 50 events past that, so the openings after it (the"
                + " \"with snapshots\" figure, after one warmup) replay next to nothing. The journal checks are"
                + " timed alone: after a clean close (the files' CRC32C against the record, part of every opening"
                + " above), and in full, every block read with checksums, as after a close that was not clean"
                + written;
    }

    @Override
    public List<Figure> run(Settings settings, Path work) throws Exception {
        int events = settings.integer("b3.events", 1_000_000, 3_000);
        int servers = settings.integer("b3.servers", 10, 2);
        int clients = settings.integer("b3.clients", 64, 4);
        boolean direct = !"api".equals(settings.text("b3.write", "direct", "direct"));
        int perWrite = settings.integer("b3.perWrite", 100, 100);
        int warmups = settings.warmups("b3", 1);
        int iterations = settings.iterations("b3", 3);

        Path withSnapshots = Work.fresh(work, "b3-snapshots");
        long t0 = System.nanoTime();
        long recorded;
        QuiesceOptions writing = QuiesceOptions.at(withSnapshots).withFsync(false).withSnapshotEvery(1000);
        Deployment status;
        try (Quiesce q = Quiesce.open(writing)) {
            Pools.create(q.as(Pools.ADMIN), servers);
            if (direct) {
                recorded = 0;
            } else {
                ApiChurn load = new ApiChurn(q, clients, true, events);
                load.start();
                load.await();
                if (load.failures.sum() > 0) {
                    throw new IllegalStateException("writing failed: " + load.firstFailure);
                }
                recorded = load.events.sum();
            }
            status = q.status();
        }
        if (direct) {
            recorded = DirectWriter.write(withSnapshots, status, events, perWrite, 1000);
        }
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        Path withoutSnapshots = Work.fresh(work, "b3-no-snapshots");
        Work.copy(withSnapshots, withoutSnapshots);
        Work.empty(withoutSnapshots.resolve("snapshots"));
        written = String.format(Locale.ROOT, ". This run wrote %,d service events in %.0f s (%,.0f events/s, %s);"
                        + " journal %s, snapshots %s", recorded, writeSeconds, recorded / writeSeconds,
                direct ? "direct path, " + perWrite + " events per write" : "through the API",
                Work.megabytes(Work.size(withSnapshots.resolve("journal"))),
                Work.kilobytes(Work.size(withSnapshots.resolve("snapshots"))));

        List<Figure> rows = new ArrayList<>();
        String size = String.format(Locale.ROOT, "%,d events in %d services", recorded,
                servers * Pools.SERVICES_PER_SERVER);
        rows.add(Figure.of(id(), "open to first status, with snapshots, the first opening after writing", "s",
                open(withSnapshots, 1000, servers, 0, 1), size + ", replaying past the regular snapshots"));
        rows.add(Figure.of(id(), "open to first status, with snapshots", "s",
                open(withSnapshots, 1000, servers, warmups, iterations), size));
        rows.add(Figure.of(id(), "open to first status, without snapshots", "s",
                open(withoutSnapshots, 0, servers, warmups, iterations), size));
        Path empty = Work.fresh(work, "b3-no-events");
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(empty))) {
            Pools.create(q.as(Pools.ADMIN), servers);
        }
        rows.add(Figure.of(id(), "open to first status, the same pool without session events", "s",
                open(empty, 1000, servers, warmups, iterations), "the fixed part: actor system, entities"));
        rows.add(Figure.of(id(), "of which the journal check after a clean close (CleanClose)", "s",
                check(withSnapshots, true, warmups, iterations), "part of the figures above"));
        rows.add(Figure.of(id(), "the full journal check, after a close that was not clean (JournalCheck)", "s",
                check(withSnapshots, false, warmups, iterations), "not part of the figures above"));
        return rows;
    }

    /** The check alone; it removes the clean close's record, so {@code vouched} records it again before each. */
    private static double[] check(Path dir, boolean vouched, int warmups, int iterations) {
        double[] seconds = new double[iterations];
        for (int i = -warmups; i < iterations; i++) {
            if (vouched) {
                BenchmarkAccess.recordCleanClose(dir);
            }
            long t0 = System.nanoTime();
            BenchmarkAccess.verifyJournal(dir);
            if (i >= 0) {
                seconds[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        return seconds;
    }

    private static double[] open(Path dir, int snapshotEvery, int servers, int warmups, int iterations) {
        double[] seconds = new double[iterations];
        for (int i = -warmups; i < iterations; i++) {
            // Writing the directory (fsync off) and the close before leave writes the OS has yet to do.
            Machine.flushWrites();
            long t0 = System.nanoTime();
            try (Quiesce q = Quiesce.open(QuiesceOptions.at(dir).withSnapshotEvery(snapshotEvery))) {
                int found = q.status().servers().size();
                long t1 = System.nanoTime();
                if (found != servers) {
                    throw new IllegalStateException("recovered " + found + " servers, expected " + servers);
                }
                if (i >= 0) {
                    seconds[i] = (t1 - t0) / 1e9;
                }
            }
        }
        return seconds;
    }
}
