package io.quiesce.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** Work that runs by itself once started, counting what it got done, until stopped. */
abstract class Load {
    final LongAdder events = new LongAdder();
    final LongAdder failures = new LongAdder();
    volatile Throwable firstFailure;

    abstract void start();

    /** Stops starting new work and waits for what is in flight. */
    abstract void stop() throws InterruptedException;

    void failed(Throwable e) {
        failures.increment();
        if (firstFailure == null) {
            firstFailure = e;
        }
    }

    /**
     * Samples the rate of the running load in back-to-back windows: {@code warmups} discarded,
     * then {@code iterations} kept.
     *
     * @return per measured window, events per second
     */
    static double[] windows(Load load, int warmups, int iterations, Duration window) {
        double[] rates = new double[iterations];
        for (int i = -warmups; i < iterations; i++) {
            long c0 = load.events.sum();
            long t0 = System.nanoTime();
            Heap.sleep(window.toMillis());
            long c1 = load.events.sum();
            long t1 = System.nanoTime();
            if (i >= 0) {
                rates[i] = (c1 - c0) * 1e9 / (t1 - t0);
            }
        }
        return rates;
    }
}
