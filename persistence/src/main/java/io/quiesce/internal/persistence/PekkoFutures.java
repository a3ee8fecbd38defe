package io.quiesce.internal.persistence;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Asking an actor, with the answer handed on by the thread that completes the ask.
 *
 * <p>Why not Pekko's Java {@code ask} and {@code pipeToSelf} as they are: they give a Scala future
 * converted to a {@code CompletableFuture}, and every callback on it runs through
 * {@code CompletableFuture}'s default executor. Where the common fork-join pool has one thread
 * (a machine with two cores) that executor starts a new thread for each callback: a write
 * answered that way cost a thread start, and the gatekeeper's writes went six times slower.
 */
public final class PekkoFutures {
    private static final Logger LOG = LoggerFactory.getLogger(PekkoFutures.class);

    private PekkoFutures() {
    }

    /** The answer of {@code target}, or the failure (a timeout after {@code timeout}), as a plain future. */
    public static <Q, A> CompletableFuture<A> ask(RecipientRef<Q> target, Function<ActorRef<A>, Q> request,
                                                  Duration timeout, Scheduler scheduler) {
        return plain(AskPattern.ask(target, request::apply, timeout, scheduler));
    }

    /**
     * What {@code ActorContext.ask} does: the answer of {@code target}, or the failure, made into a
     * message by {@code toMessage} (on the completing thread: it must only build the message) and
     * sent to the asking actor. {@code answer} names the answer's type, as in Pekko's own.
     */
    public static <Q, A, T> void ask(ActorContext<T> context, Class<A> answer, RecipientRef<Q> target,
                                     Duration timeout, Function<ActorRef<A>, Q> request,
                                     BiFunction<A, Throwable, T> toMessage) {
        pipeToSelf(context, AskPattern.ask(target, request::apply, timeout, context.getSystem().scheduler()),
                toMessage);
    }

    /** What {@code ActorContext.pipeToSelf} does, without a thread of its own per answer. */
    public static <A, T> void pipeToSelf(ActorContext<T> context, CompletionStage<A> answer,
                                         BiFunction<A, Throwable, T> toMessage) {
        ActorRef<T> self = context.getSelf();
        plain(answer).whenComplete((a, failure) -> {
            T message;
            try {
                message = toMessage.apply(a, failure);
            } catch (RuntimeException e) {
                // Pekko's own would fail the actor; here nothing would hear of it but this line.
                LOG.error("{} could not take an answer in (it will not come)", self, e);
                return;
            }
            self.tell(message);
        });
    }

    /** {@code answer}, a future of Pekko's Java API, as a plain future whose callbacks run where they are added. */
    public static <A> CompletableFuture<A> plain(CompletionStage<A> answer) {
        CompletableFuture<A> plain = new CompletableFuture<>();
        // An explicit executor is the one kind of callback the converted future runs as given.
        answer.whenCompleteAsync((a, failure) -> {
            if (failure != null) {
                plain.completeExceptionally(failure);
            } else {
                plain.complete(a);
            }
        }, Runnable::run);
        return plain;
    }
}
