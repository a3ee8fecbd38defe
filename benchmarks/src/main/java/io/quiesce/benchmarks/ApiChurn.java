package io.quiesce.benchmarks;

import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.rules.Decision;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code clients} concurrent clients, each opening a session and ending it, again and again,
 * through the asynchronous API: every client has one command in flight at a time. Features
 * rotate over the nine services; the rules route each session to the least loaded server.
 * Counts the events recorded (one per accepted connect or end).
 */
final class ApiChurn extends Load {
    private final Operator op;
    private final int clients;
    private final boolean endSessions;
    private final long limit;
    private final CountDownLatch done;
    private volatile boolean running;

    /**
     * @param endSessions false: only connect (sessions stay open)
     * @param limit       stop starting new commands once this many events were counted (Long.MAX_VALUE: never)
     */
    ApiChurn(Quiesce quiesce, int clients, boolean endSessions, long limit) {
        this.op = quiesce.as(Pools.ADMIN);
        this.clients = clients;
        this.endSessions = endSessions;
        this.limit = limit;
        this.done = new CountDownLatch(clients);
    }

    @Override
    void start() {
        running = true;
        for (int k = 0; k < clients; k++) {
            next(k, 0);
        }
    }

    private void next(int client, long n) {
        if (!running || events.sum() >= limit) {
            done.countDown();
            return;
        }
        String id = sessionId(client, n);
        String feature = Pools.FEATURES.get((int) ((client + n) % Pools.FEATURES.size()));
        var connected = op.connectAsync(Pools.POOL, feature, id).thenApply(this::count);
        var finished = endSessions ? connected.thenCompose(d -> op.endAsync(id)).thenApply(this::count) : connected;
        finished.whenComplete((d, e) -> {
            if (e != null) {
                failed(e);
            }
            next(client, n + 1);
        });
    }

    /**
     * A 36-character id, as the API makes up when none is given ({@code UUID.randomUUID()}): as
     * well mixed, so ids differ early as random ones do, but reproducible and unique per (client, n).
     */
    static String sessionId(int client, long n) {
        return new java.util.UUID(mix(((long) client << 40) ^ n ^ 0x5e55_1000_0000_0000L),
                mix(((long) client << 40) ^ n)).toString();
    }

    /** A bijection of 64-bit values (the finalizer of SplitMix64). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private Decision count(Decision d) {
        if (d instanceof Decision.Accepted a) {
            events.add(a.events().size());
        } else {
            failed(new IllegalStateException("refused: " + ((Decision.Rejected) d).rejection()));
        }
        return d;
    }

    @Override
    void stop() throws InterruptedException {
        running = false;
        await();
    }

    /** Waits until every client stopped (by {@link #stop} or the limit). */
    void await() throws InterruptedException {
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("clients did not finish within 120 s");
        }
    }
}
