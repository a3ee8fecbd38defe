package io.quiesce.internal.persistence;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PekkoFuturesTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    record Echo(String text, ActorRef<String> replyTo) {
    }

    private static final Behavior<Echo> ECHO = Behaviors.receiveMessage(m -> {
        m.replyTo().tell(m.text());
        return Behaviors.same();
    });

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void anAnswerIsHandedOnByTheThreadThatCompletesTheAsk() throws Exception {
        TestProbe<Echo> echo = KIT.createTestProbe();
        CompletableFuture<Thread> where = new CompletableFuture<>();
        PekkoFutures.<Echo, String>ask(echo.ref(), r -> new Echo("hello", r), Duration.ofSeconds(3), KIT.scheduler())
                .whenComplete((answer, failure) -> where.complete(Thread.currentThread()));

        // Answered from this thread: the ask completes here, and so does what waits for it, rather than on a
        // thread started for the callback or a pool's.
        echo.receiveMessage().replyTo().tell("hello");

        assertThat(where.get(3, TimeUnit.SECONDS)).isSameAs(Thread.currentThread());
    }

    @Test
    void anAnswerComesToTheAskingActorAsTheMessageMadeOfIt() {
        ActorRef<Echo> echo = KIT.spawn(ECHO);
        TestProbe<String> heard = KIT.createTestProbe();
        KIT.spawn(Behaviors.<String>setup(ctx -> {
            PekkoFutures.ask(ctx, String.class, echo, Duration.ofSeconds(3), r -> new Echo("hello", r),
                    (answer, failure) -> "answered " + answer + ", failure " + failure);
            return Behaviors.receiveMessage(m -> {
                heard.ref().tell(m);
                return Behaviors.same();
            });
        }));

        heard.expectMessage("answered hello, failure null");
    }

    @Test
    void anUnansweredAskFailsWithATimeout() {
        TestProbe<Echo> silent = KIT.createTestProbe();

        CompletableFuture<String> answer = PekkoFutures.<Echo, String>ask(silent.ref(), r -> new Echo("hello", r),
                Duration.ofMillis(50), KIT.scheduler());

        assertThatThrownBy(() -> answer.get(3, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
    }
}
