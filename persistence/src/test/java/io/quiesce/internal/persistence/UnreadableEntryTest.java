package io.quiesce.internal.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.quiesce.DataDirectoryException;
import io.quiesce.ManualClock;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Principal;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.entity.DecisionRecorded;
import io.quiesce.internal.persistence.entity.ServiceEntity;
import io.quiesce.internal.persistence.serialization.QuiesceSerializer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.NotSerializableException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A journal entry this version cannot read (a type a newer version added, say) fails opening at
 * once, naming the entity and the entry, instead of leaving the entity retrying until the
 * two-minute recovery timeout. Another entity of the directory has a long journal, still being
 * read when the unreadable one fails: opening must not close the journal under that read (LevelDB's
 * native code crashes the JVM, and with it this test).
 */
class UnreadableEntryTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final String CALL_PARK = "Lync Server Call Park";

    @TempDir
    Path dir;

    /** An entry of a type this version has no name for. */
    public static final class FromTheFuture {
    }

    /** Writes it as a newer QuiesceSerializer would: under the same identifier, with its own type name. */
    public static final class FutureSerializer extends SerializerWithStringManifest {
        @Override
        public int identifier() {
            return QuiesceSerializer.IDENTIFIER;
        }

        @Override
        public String manifest(Object o) {
            return "FromTheFuture";
        }

        @Override
        public byte[] toBinary(Object o) {
            return new byte[] {(byte) 0xA0}; // an empty CBOR map
        }

        @Override
        public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
            throw new NotSerializableException(manifest);
        }
    }

    @Test
    void givenAnEntryOfANewerVersion_whenOpened_thenOpeningFailsAtOnceNamingTheEntityAndTheEntry() throws Exception {
        QuiesceOptions options = QuiesceOptions.at(dir)
                .withClock(new ManualClock(Instant.parse("2026-11-26T10:00:00Z"))).withFsync(false);
        try (Quiesce q = Quiesce.open(options)) {
            q.as(ADMIN).createPool("pool1");
            q.as(ADMIN).addServer("pool1", "fe01");
        }
        // Call Park of fe01 has recorded nothing yet: its journal gets the one entry.
        PersistenceId callPark = ServiceEntity.persistenceId("fe01", CALL_PARK);
        try (DataDirectory data = DataDirectory.open(dir)) {
            fillFrontEnd(data, options, 100_000);
        }
        try (DataDirectory data = DataDirectory.open(dir)) {
            Config newer = ConfigFactory.parseString("pekko.actor.serializers.quiesce = \""
                    + FutureSerializer.class.getName() + "\"\npekko.actor.serialization-bindings.\""
                    + FromTheFuture.class.getName() + "\" = quiesce")
                    .withFallback(PekkoConfig.forDirectory(data, options));
            ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "newer", newer);
            try {
                ActorRef<ActorRef<Done>> writer = system.systemActorOf(new Writer(callPark), "writer",
                        org.apache.pekko.actor.typed.Props.empty());
                AskPattern.<ActorRef<Done>, Done>ask(writer, r -> r, Duration.ofSeconds(30), system.scheduler())
                        .toCompletableFuture().get();
            } finally {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get();
            }
        }

        long start = System.nanoTime();
        assertThatThrownBy(() -> Quiesce.open(options).close())
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining(callPark.id())
                .hasMessageContaining("FromTheFuture")
                .hasMessageContaining("newer version");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    /** Sessions started and ended on fe01's Front-End, written straight to its entity, a hundred per write. */
    private static void fillFrontEnd(DataDirectory data, QuiesceOptions options, int sessions) throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "filler",
                PekkoConfig.forDirectory(data, options));
        try {
            Instant at = Instant.parse("2026-11-26T10:00:01Z");
            ActorRef<ServiceEntity.Command> frontEnd = system.systemActorOf(ServiceEntity.create("fe01",
                    "Lync Server Front-End", at, 0, system.ignoreRef()), "front-end",
                    org.apache.pekko.actor.typed.Props.empty());
            long decision = 1_000;
            for (int i = 0; i < sessions; i += 50) {
                java.util.List<DecisionRecorded> batch = new java.util.ArrayList<>();
                for (int n = i; n < i + 50; n++) {
                    batch.add(DecisionRecorded.of(++decision, java.util.List.of(new Event.SessionStarted(at,
                            "fe01", "Lync Server Front-End", "s" + n, "im", "alice"))));
                    batch.add(DecisionRecorded.of(++decision, java.util.List.of(new Event.SessionEnded(at,
                            "fe01", "Lync Server Front-End", "s" + n, "alice"))));
                }
                AskPattern.<ServiceEntity.Command, Done>ask(frontEnd, r -> new ServiceEntity.Apply(batch, r),
                        Duration.ofSeconds(30), system.scheduler()).toCompletableFuture().get();
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
    }

    /** Persists one FromTheFuture entry, then answers. */
    static final class Writer extends EventSourcedBehavior<ActorRef<Done>, FromTheFuture, Integer> {
        Writer(PersistenceId id) {
            super(id);
        }

        @Override
        public Integer emptyState() {
            return 0;
        }

        @Override
        public CommandHandler<ActorRef<Done>, FromTheFuture, Integer> commandHandler() {
            return newCommandHandlerBuilder().forAnyState().onAnyCommand((state, replyTo) -> Effect()
                    .persist(new FromTheFuture()).thenRun(s -> replyTo.tell(Done.getInstance())));
        }

        @Override
        public EventHandler<Integer, FromTheFuture> eventHandler() {
            return newEventHandlerBuilder().forAnyState().onAnyEvent((state, e) -> state + 1);
        }
    }
}
