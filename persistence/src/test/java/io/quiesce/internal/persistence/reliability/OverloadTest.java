package io.quiesce.internal.persistence.reliability;

import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceException;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Principal;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.RejectionCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, overload: a flood of session commands at one service gets each of them done or
 * explicitly refused (OVERLOADED, or a {@link QuiesceException} when no answer came in time), none
 * dropped and none left hanging, and the state is exactly what the accepted ones made it.
 */
class OverloadTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final String FE = "Lync Server Front-End";
    static final int SENDERS = 4;
    /** A connect and an end each: 100,000 commands. */
    static final int SESSIONS = 50_000;

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));

    enum Outcome { ACCEPTED, OVERLOADED, UNKNOWN_SESSION, OTHER_REFUSAL, FAILED, UNEXPECTED }

    @Test
    void givenAHundredThousandSessionCommandsAtOneService_whenFlooded_thenEachIsDoneOrExplicitlyRefused()
            throws Exception {
        QuiesceOptions options = QuiesceOptions.at(dir).withClock(clock).withFsync(false);
        Deployment after;
        List<Outcome> connects;
        List<Outcome> ends;
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(ADMIN);
            assertThat(alice.createPool("pool1")).isInstanceOf(Decision.Accepted.class);
            assertThat(alice.addServer("pool1", "fe01")).isInstanceOf(Decision.Accepted.class);

            List<CompletableFuture<Decision>> connecting = new ArrayList<>(Collections.nCopies(SESSIONS, null));
            List<CompletableFuture<Decision>> ending = new ArrayList<>(Collections.nCopies(SESSIONS, null));
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            long start = System.nanoTime();
            for (int t = 0; t < SENDERS; t++) {
                int first = t;
                senders.execute(() -> {
                    for (int i = first; i < SESSIONS; i += SENDERS) {
                        connecting.set(i, alice.connectAsync("pool1", "im", "s" + i).toCompletableFuture());
                        ending.set(i, alice.endAsync("s" + i).toCompletableFuture());
                    }
                });
            }
            senders.shutdown();
            assertThat(senders.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            // None may hang: every answer comes, well within this bound.
            CompletableFuture.allOf(Stream.concat(connecting.stream(), ending.stream())
                    .toArray(CompletableFuture[]::new)).handle((ok, failure) -> ok).get(3, TimeUnit.MINUTES);
            long millis = (System.nanoTime() - start) / 1_000_000;
            connects = connecting.stream().map(OverloadTest::outcome).toList();
            ends = ending.stream().map(OverloadTest::outcome).toList();
            after = q.status();
            System.out.printf("OverloadTest: %d commands answered in %d ms: connect %s, end %s%n", 2 * SESSIONS,
                    millis, count(connects), count(ends));
        }

        assertThat(connects).doesNotContain(Outcome.UNEXPECTED, Outcome.OTHER_REFUSAL, Outcome.UNKNOWN_SESSION);
        assertThat(ends).doesNotContain(Outcome.UNEXPECTED, Outcome.OTHER_REFUSAL);
        assertThat(Stream.concat(connects.stream(), ends.stream())).contains(Outcome.OVERLOADED);
        Set<String> mustBeActive = new TreeSet<>();
        Set<String> mayBeActive = new TreeSet<>();
        for (int i = 0; i < SESSIONS; i++) {
            Outcome connect = connects.get(i);
            Outcome end = ends.get(i);
            // An end refused as UNKNOWN_SESSION met no session: its connect was not applied before it.
            assertThat(end == Outcome.UNKNOWN_SESSION && connect == Outcome.ACCEPTED).as("s" + i).isFalse();
            if (connect == Outcome.ACCEPTED && end == Outcome.OVERLOADED) {
                mustBeActive.add("s" + i);
            }
            // Without an answer a command may or may not have been applied.
            if (connect == Outcome.FAILED && end != Outcome.ACCEPTED || connect == Outcome.ACCEPTED
                    && end == Outcome.FAILED) {
                mayBeActive.add("s" + i);
            }
        }
        mayBeActive.addAll(mustBeActive);
        Set<String> active = after.server("fe01").orElseThrow().service(FE).sessions().keySet();
        assertThat(active).containsAll(mustBeActive);
        assertThat(mayBeActive).containsAll(active);

        try (Quiesce q = Quiesce.open(options)) {
            assertThat(q.status()).isEqualTo(after);
        }
    }

    @Test
    void givenAnswersSlowerThanTheCommandTimeout_whenAwaitedAsynchronously_thenEachFailsWithAQuiesceException() {
        QuiesceOptions options = QuiesceOptions.at(dir).withClock(clock);
        try (Quiesce q = Quiesce.open(options)) {
            q.as(ADMIN).createPool("pool1");
            q.as(ADMIN).addServer("pool1", "fe01");
        }
        List<Outcome> outcomes;
        try (Quiesce q = Quiesce.open(options.withCommandTimeout(Duration.ofMillis(1)))) {
            Operator alice = q.as(ADMIN);
            List<CompletableFuture<Decision>> answers = IntStream.range(0, 200)
                    .mapToObj(i -> alice.connectAsync("pool1", "im", "s" + i).toCompletableFuture()).toList();
            outcomes = answers.stream().map(OverloadTest::outcome).toList();
        }

        assertThat(outcomes).contains(Outcome.FAILED).doesNotContain(Outcome.UNEXPECTED);
    }

    private static Outcome outcome(CompletableFuture<Decision> answer) {
        try {
            Decision d = answer.join();
            if (d instanceof Decision.Accepted) {
                return Outcome.ACCEPTED;
            }
            RejectionCode code = ((Decision.Rejected) d).rejection().code();
            return code == RejectionCode.OVERLOADED ? Outcome.OVERLOADED
                    : code == RejectionCode.UNKNOWN_SESSION ? Outcome.UNKNOWN_SESSION : Outcome.OTHER_REFUSAL;
        } catch (CompletionException e) {
            return e.getCause() instanceof QuiesceException ? Outcome.FAILED : Outcome.UNEXPECTED;
        }
    }

    private static Map<Outcome, Long> count(List<Outcome> outcomes) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        outcomes.forEach(o -> counts.merge(o, 1L, Long::sum));
        return counts;
    }
}
