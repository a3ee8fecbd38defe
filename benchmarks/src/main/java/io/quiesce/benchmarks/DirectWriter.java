package io.quiesce.benchmarks;

import io.quiesce.event.Event;
import io.quiesce.internal.persistence.BenchmarkAccess;
import io.quiesce.internal.persistence.entity.DecisionRecorded;
import io.quiesce.internal.persistence.entity.ServiceEntity;
import io.quiesce.rules.Deployment;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills the journals of existing services quickly: the library's own {@link ServiceEntity}s, on
 * the library's journal configuration, each sent {@code Apply} commands of {@code perWrite}
 * session events (a session started, then ended, each its own numbered decision), without the
 * gatekeeper. The journal then holds what the API would have written (same entity, same entries,
 * same serializer, same snapshot rule), only in fewer, larger writes.
 */
final class DirectWriter {
    private DirectWriter() {
    }

    /**
     * @param status the deployment as the library recovered it (every service RUNNING, no session)
     * @return the number of events written
     */
    static long write(Path dataDirectory, Deployment status, long events, int perWrite, int snapshotEvery) {
        BenchmarkAccess.Opened opened = BenchmarkAccess.open(dataDirectory, false);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "direct", opened.config());
        try {
            List<ServiceState> services = new ArrayList<>();
            for (ServerState server : status.servers().values()) {
                services.addAll(server.services().values());
            }
            long pairs = events / 2;
            List<CompletableFuture<Long>> done = new ArrayList<>();
            // Numbered past the few decisions that set the pool up.
            AtomicLong decisions = new AtomicLong(1_000_000);
            for (int i = 0; i < services.size(); i++) {
                ServiceState s = services.get(i);
                ActorRef<ServiceEntity.Command> entity = system.systemActorOf(ServiceEntity.create(s.server(),
                        s.name(), s.since(), snapshotEvery, system.ignoreRef()), "service-" + i, Props.empty());
                String feature = Pools.FEATURES.get(i % Pools.SERVICES_PER_SERVER);
                long share = 2 * (pairs / services.size() + (i < pairs % services.size() ? 1 : 0));
                done.add(fill(system, entity, s, feature, i, share, perWrite, 0, decisions));
            }
            return done.stream().mapToLong(CompletableFuture::join).sum();
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
            opened.close();
        }
    }

    private static CompletableFuture<Long> fill(ActorSystem<Void> system, ActorRef<ServiceEntity.Command> entity,
                                                ServiceState s, String feature, int client, long total,
                                                int perWrite, long written, AtomicLong decisions) {
        if (written >= total) {
            return CompletableFuture.completedFuture(written);
        }
        List<DecisionRecorded> batch = new ArrayList<>(perWrite);
        Instant base = s.since().plusSeconds(1);
        long n = written;
        while (batch.size() + 2 <= perWrite && n < total) {
            Instant at = base.plusMillis(n);
            String id = ApiChurn.sessionId(client, n);
            batch.add(DecisionRecorded.of(decisions.incrementAndGet(), List.of(new Event.SessionStarted(at,
                    s.server(), s.name(), id, feature, Pools.ADMIN.name()))));
            batch.add(DecisionRecorded.of(decisions.incrementAndGet(), List.of(new Event.SessionEnded(
                    at.plusMillis(1), s.server(), s.name(), id, Pools.ADMIN.name()))));
            n += 2;
        }
        long next = n;
        return AskPattern.<ServiceEntity.Command, Done>ask(entity, r -> new ServiceEntity.Apply(batch, r),
                        Duration.ofSeconds(60), system.scheduler()).toCompletableFuture()
                .thenCompose(d -> fill(system, entity, s, feature, client, total, perWrite, next, decisions));
    }
}
