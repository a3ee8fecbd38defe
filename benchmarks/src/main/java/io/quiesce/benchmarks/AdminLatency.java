package io.quiesce.benchmarks;

import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** B2: pause then resume one service through the blocking API, one command at a time. */
final class AdminLatency implements Benchmark {
    static final String SERVICE = "Lync Server IM Conferencing";

    @Override
    public String id() {
        return "B2";
    }

    @Override
    public String title() {
        return "admin latency";
    }

    @Override
    public String method() {
        return "A pool of `servers` servers with no session and no other traffic; `pairs` times per iteration,"
                + " `pause(fe01, " + SERVICE + ")` then `resume` of the same service, each a blocking call, timed"
                + " from the call to its answer (each writes 1–2 events to that service's journal). p50 and p99"
                + " are over the pauses and resumes of one iteration (nearest rank)";
    }

    @Override
    public List<Figure> run(Settings settings, Path work) throws Exception {
        int servers = settings.integer("b2.servers", 10, 2);
        int pairs = settings.integer("b2.pairs", 250, 5);
        int warmups = settings.warmups("b2", 1);
        int iterations = settings.iterations("b2", 5);
        List<Figure> rows = new ArrayList<>();
        for (boolean fsync : new boolean[] {false, true}) {
            String on = fsync ? "on" : "off";
            double[] p50 = new double[iterations];
            double[] p99 = new double[iterations];
            try (Quiesce q = Quiesce.open(QuiesceOptions.at(Work.fresh(work, "b2-" + on)).withFsync(fsync))) {
                Operator op = q.as(Pools.ADMIN);
                Pools.create(op, servers);
                for (int it = -warmups; it < iterations; it++) {
                    long[] nanos = new long[2 * pairs];
                    for (int i = 0; i < pairs; i++) {
                        long t0 = System.nanoTime();
                        Pools.accepted(op.pause(Target.service(Pools.server(0), SERVICE)));
                        long t1 = System.nanoTime();
                        Pools.accepted(op.resume(Target.service(Pools.server(0), SERVICE)));
                        long t2 = System.nanoTime();
                        nanos[2 * i] = t1 - t0;
                        nanos[2 * i + 1] = t2 - t1;
                    }
                    if (it >= 0) {
                        Arrays.sort(nanos);
                        p50[it] = Summary.percentile(nanos, 50) / 1e6;
                        p99[it] = Summary.percentile(nanos, 99) / 1e6;
                    }
                }
            }
            rows.add(Figure.of(id(), "pause/resume one service p50, fsync " + on, "ms", p50, ""));
            rows.add(Figure.of(id(), "pause/resume one service p99, fsync " + on, "ms", p99, ""));
        }
        return rows;
    }
}
