package io.quiesce.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.quiesce.internal.persistence.BenchmarkAccess;
import io.quiesce.internal.persistence.PekkoFutures;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code clients} concurrent clients asking {@link PekkoCounter}s to count, each with one ask in
 * flight, rotating over {@code counters} entities: the same shape of load as {@link ApiChurn},
 * on the library's own journal configuration, without the library. The asks are answered as the
 * library's own are ({@link PekkoFutures}): with Pekko's Java ask as it is, a two-core machine starts a
 * thread per answer, and the counter would measure that.
 */
final class CounterLoad extends Load {
    private final ActorSystem<Void> system;
    private final List<ActorRef<PekkoCounter.Increment>> counters = new ArrayList<>();
    private final int clients;
    private final CountDownLatch done;
    private volatile boolean running;

    CounterLoad(Path dataDirectory, boolean fsync, int counters, int clients) {
        Config config = ConfigFactory.parseString(PekkoCounter.CONFIG)
                .withFallback(BenchmarkAccess.onPekkosLevelDbJournal(dataDirectory, fsync))
                .withValue("pekko.persistence.journal.leveldb.class",
                        ConfigValueFactory.fromAnyRef(CountingLeveldbJournal.class.getName()));
        this.system = ActorSystem.create(Behaviors.empty(), "counters", config);
        for (int i = 0; i < counters; i++) {
            this.counters.add(system.systemActorOf(PekkoCounter.create("c" + i), "counter-" + i, Props.empty()));
        }
        this.clients = clients;
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
        if (!running) {
            done.countDown();
            return;
        }
        ActorRef<PekkoCounter.Increment> counter = counters.get((int) ((client + n) % counters.size()));
        PekkoFutures.<PekkoCounter.Increment, Done>ask(counter, PekkoCounter.Increment::new, Duration.ofSeconds(30),
                system.scheduler()).whenComplete((d, e) -> {
                    if (e != null) {
                        failed(e);
                    } else {
                        events.increment();
                    }
                    next(client, n + 1);
                });
    }

    @Override
    void stop() throws InterruptedException {
        running = false;
        done.await(60, TimeUnit.SECONDS);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
