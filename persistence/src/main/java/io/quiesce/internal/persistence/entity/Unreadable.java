package io.quiesce.internal.persistence.entity;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.SignalHandlerBuilder;

import java.io.NotSerializableException;

/**
 * An entity cannot read its journal: an entry is of a type, or a shape, this version cannot
 * decode (most likely written by a newer version). Told to whoever started the entity, so that
 * opening fails at once with the reason; retrying cannot help, and would otherwise go on until the
 * recovery timeout. Other recovery failures (the disk, say) are still retried.
 */
public record Unreadable(String persistenceId, String reason) {
    /** Adds to an entity's signal handler ({@code newSignalHandlerBuilder()}) the report to {@code to}. */
    static <S> SignalHandlerBuilder<S> reported(SignalHandlerBuilder<S> builder, ActorRef<Unreadable> to,
                                                PersistenceId id) {
        return builder.onSignal(RecoveryFailed.class, (state, failed) -> reportIfUndecodable(to, id,
                failed.getFailure()));
    }

    private static void reportIfUndecodable(ActorRef<Unreadable> to, PersistenceId id, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotSerializableException) {
                to.tell(new Unreadable(id.id(), t.getMessage()));
                return;
            }
        }
    }
}
