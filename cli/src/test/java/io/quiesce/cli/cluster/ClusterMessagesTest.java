package io.quiesce.cli.cluster;

import com.typesafe.config.ConfigFactory;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.rules.Deployment;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What nodes send each other survives the trip: serialized as the cluster serializes it, and read back equal. */
class ClusterMessagesTest {
    private static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "messages",
                ClusterNode.serialization().withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    @Test
    void aPoolsStateWithPausesDeadlinesAndSessionsArrivesWhole(@TempDir Path dir) {
        Deployment state;
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(dir))) {
            var admin = q.as(Principal.of("alice", "Administrators"));
            admin.createPool("pool1");
            admin.addServer("pool1", "fe01");
            admin.addServer("pool1", "fe02");
            admin.connectAsync("pool1", "IM").toCompletableFuture().join();
            admin.pause(Target.server("fe01"), io.quiesce.PauseOptions.withDeadline(Duration.ofMinutes(30)));
            state = q.status();
        }
        PoolShard.PoolDeployment sent = PoolShard.PoolDeployment.of(state);

        Object received = roundTrip(sent);

        assertThat(received).isEqualTo(sent);
        assertThat(((PoolShard.PoolDeployment) received).deployment().pendingDeadlines()).hasSize(9);
    }

    @Test
    void callsAndAnswersArriveWhole() {
        ActorRef<PoolShard.Answer> replyTo = system.systemActorOf(Behaviors.ignore(), "reply-to", Props.empty());
        PoolShard.Call call = new PoolShard.Call("POST", "/v1/commands?print=json", "{\"command\":\"pause\"}", "alice",
                List.of("Administrators"), false, replyTo);
        PoolShard.Answer answer = new PoolShard.Answer(409, "{\"code\":\"X\"}", Map.of("Retry-After", "1"));

        assertThat(roundTrip(call)).isEqualTo(call);
        assertThat(roundTrip(answer)).isEqualTo(answer);
        assertThat(roundTrip(new PoolShard.Wake(42))).isEqualTo(new PoolShard.Wake(42));
        assertThat(roundTrip(new PoolShard.Located(true, null))).isEqualTo(new PoolShard.Located(true, null));
        assertThat(roundTrip(new PoolShard.Located(false, "opening"))).isEqualTo(new PoolShard.Located(false, "opening"));
    }

    private static Object roundTrip(Object message) {
        Serialization serialization = SerializationExtension.get(system);
        var serializer = serialization.findSerializerFor(message);
        assertThat(serializer.getClass().getSimpleName()).contains("Jackson");
        byte[] bytes = serialization.serialize(message).get();
        return serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message))
                .get();
    }
}
