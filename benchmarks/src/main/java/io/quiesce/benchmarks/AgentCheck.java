package io.quiesce.benchmarks;

import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.cli.traffic.AgentCheckListener;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * B8: HAProxy's agent check as HAProxy makes it: connect, send "SERVER SERVICE\n", read the word,
 * close; beside the same count of bare status reads, which is what each check asks the library.
 */
final class AgentCheck implements Benchmark {
    @Override
    public String id() {
        return "B8";
    }

    @Override
    public String title() {
        return "agent check";
    }

    @Override
    public String method() {
        return "A pool of `servers` servers with no session; `checks` agent checks per iteration, one after another"
                + " from one client over loopback (a new TCP connection each, as HAProxy does), naming the servers in"
                + " turn, timed from connect to the end of the answer; then as many `statusAsync()` reads alone,"
                + " the part of a check that asks the library. p50 and p99 are over one iteration (nearest rank)";
    }

    @Override
    public List<Figure> run(Settings settings, Path work) throws Exception {
        int servers = settings.integer("b7.servers", 10, 2);
        int checks = settings.integer("b7.checks", 2000, 20);
        int warmups = settings.warmups("b7", 1);
        int iterations = settings.iterations("b7", 5);
        double[] checkP50 = new double[iterations];
        double[] checkP99 = new double[iterations];
        double[] statusP50 = new double[iterations];
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(Work.fresh(work, "b7")).withFsync(false));
             AgentCheckListener agent = AgentCheckListener.start(new InetSocketAddress("127.0.0.1", 0),
                     q::statusAsync, q.rules().catalog())) {
            Pools.create(q.as(Pools.ADMIN), servers);
            for (int it = -warmups; it < iterations; it++) {
                long[] check = new long[checks];
                long[] status = new long[checks];
                for (int i = 0; i < checks; i++) {
                    long t0 = System.nanoTime();
                    String word = ask(agent.address(), Pools.server(i % servers) + " RTCSRV\n");
                    check[i] = System.nanoTime() - t0;
                    if (!word.equals("ready up\n")) {
                        throw new IllegalStateException("unexpected agent answer: " + word);
                    }
                }
                for (int i = 0; i < checks; i++) {
                    long t0 = System.nanoTime();
                    q.statusAsync().toCompletableFuture().get();
                    status[i] = System.nanoTime() - t0;
                }
                if (it >= 0) {
                    Arrays.sort(check);
                    Arrays.sort(status);
                    checkP50[it] = Summary.percentile(check, 50) / 1e3;
                    checkP99[it] = Summary.percentile(check, 99) / 1e3;
                    statusP50[it] = Summary.percentile(status, 50) / 1e3;
                }
            }
        }
        List<Figure> rows = new ArrayList<>();
        rows.add(Figure.of(id(), "agent check p50", "µs", checkP50, "connect, ask, answer, close"));
        rows.add(Figure.of(id(), "agent check p99", "µs", checkP99, ""));
        rows.add(Figure.of(id(), "status read alone p50", "µs", statusP50, "what each check asks the library"));
        return rows;
    }

    private static String ask(InetSocketAddress agent, String request) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(agent, 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
