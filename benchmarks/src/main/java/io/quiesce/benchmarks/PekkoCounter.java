package io.quiesce.benchmarks;

import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.serialization.JSerializer;

/**
 * The baseline of B1: a bare event-sourced counter that persists a one-byte event per command and
 * answers once it is journaled. No gatekeeper, no rules, no snapshots.
 */
final class PekkoCounter extends EventSourcedBehavior<PekkoCounter.Increment, PekkoCounter.Incremented, Long> {
    record Increment(ActorRef<Done> replyTo) {
    }

    enum Incremented { INSTANCE }

    /** One byte per event. */
    public static final class TinySerializer extends JSerializer {
        @Override
        public int identifier() {
            return 7_341_099;
        }

        @Override
        public boolean includeManifest() {
            return false;
        }

        @Override
        public byte[] toBinary(Object o) {
            return new byte[] {1};
        }

        @Override
        public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
            return Incremented.INSTANCE;
        }
    }

    static final String CONFIG = """
            pekko.actor.serializers.bench-counter = "io.quiesce.benchmarks.PekkoCounter$TinySerializer"
            pekko.actor.serialization-bindings { "io.quiesce.benchmarks.PekkoCounter$Incremented" = bench-counter }
            """;

    private PekkoCounter(String id) {
        super(PersistenceId.ofUniqueId("counter|" + id));
    }

    static Behavior<Increment> create(String id) {
        return new PekkoCounter(id);
    }

    @Override
    public Long emptyState() {
        return 0L;
    }

    @Override
    public CommandHandler<Increment, Incremented, Long> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Increment.class, (state, c) -> Effect().persist(Incremented.INSTANCE)
                        .thenReply(c.replyTo(), s -> Done.getInstance()))
                .build();
    }

    @Override
    public EventHandler<Long, Incremented> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Incremented.class, (state, e) -> state + 1)
                .build();
    }
}
