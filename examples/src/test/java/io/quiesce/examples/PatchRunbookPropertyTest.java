package io.quiesce.examples;

import io.quiesce.Force;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.event.Event;
import io.quiesce.properties.harness.PropertyCheck;
import io.quiesce.properties.harness.Violation;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's runbook ({@link PatchRunbook}) checked with the project's property-test harness:
 * whatever users do around it (they connect and hang up between its steps), it never interrupts
 * a session, never leaves the pool without a running instance of a service, and finishes with
 * the server back in the pool once the last user hangs up. A hasty runbook that forces the stop
 * instead of waiting is caught and shrunk to the few steps that show it.
 */
class PatchRunbookPropertyTest {
    static final Principal OPERATOR = Principal.of("alice", "Administrators");
    static final Principal USERS = Principal.of("lync-clients", "Administrators");
    static final List<String> FEATURES = List.of("calls", "im", "presence", "im-conferencing", "call-park");

    /** What happens next on the night: a user connects, a user hangs up, or the runbook takes its next step. */
    sealed interface Step {
        record Connect(String feature) implements Step {
        }

        /** The user of the {@code pick}-th session still on (modulo their number) hangs up. */
        record HangUp(int pick) implements Step {
        }

        record Runbook() implements Step {
        }
    }

    /** A runbook, one step at a time: what the property drives. */
    interface Runbook {
        Optional<Decision> advance();

        boolean done();
    }

    @TempDir
    Path dir;

    Quiesce quiesce;
    final AtomicInteger pools = new AtomicInteger();

    @BeforeEach
    void open() {
        // One data directory for the whole test: each sequence gets a pool of its own.
        quiesce = Quiesce.open(QuiesceOptions.at(dir).withFsync(false)
                .withClock(new ManualClock(Instant.parse("2026-11-26T22:00:00Z"))));
    }

    @AfterEach
    void close() {
        quiesce.close();
    }

    static List<Step> night(SplittableRandom r) {
        List<Step> steps = new ArrayList<>();
        int length = r.nextInt(5, 40);
        for (int i = 0; i < length; i++) {
            int roll = r.nextInt(100);
            steps.add(roll < 40 ? new Step.Connect(FEATURES.get(r.nextInt(FEATURES.size())))
                    : roll < 75 ? new Step.HangUp(r.nextInt(1000)) : new Step.Runbook());
        }
        return steps;
    }

    @Test
    void givenRandomTraffic_whenThePatchRunbookRuns_thenNoSessionIsInterruptedAndAServiceAlwaysRuns() {
        PropertyCheck<Step> check = new PropertyCheck<>("patch-runbook", PatchRunbookPropertyTest::night,
                steps -> night(steps, (q, server) -> adapt(new PatchRunbook(q, q.as(OPERATOR), server))), 200);

        Optional<PropertyCheck.Counterexample<Step>> found = check.search(60);

        assertThat(found.map(c -> c.report(Step::toString))).isEmpty();
    }

    @Test
    void givenRandomTraffic_whenAHastyRunbookForcesTheStop_thenTheHarnessCatchesAndShrinksIt() {
        PropertyCheck<Step> check = new PropertyCheck<>("hasty-runbook", PatchRunbookPropertyTest::night,
                steps -> night(steps, (q, server) -> hasty(q.as(OPERATOR), server)), 300);

        PropertyCheck.Counterexample<Step> found = check.hunt(60).orElseThrow();

        System.out.println(found.report(Step::toString));
        assertThat(found.violation().check()).isEqualTo("INTERRUPTED");
        assertThat(found.shrunk()).hasSizeLessThanOrEqualTo(4)
                .contains(new Step.Runbook()).anyMatch(s -> s instanceof Step.Connect);
    }

    /** Runs one night on a fresh pool of three servers; the runbook patches the first. */
    Optional<Violation> night(List<Step> steps, BiFunction<Quiesce, Target.Server, Runbook> runbookFor) {
        String pool = "pool" + pools.incrementAndGet();
        Operator admin = quiesce.as(OPERATOR);
        Operator users = quiesce.as(USERS);
        admin.createPool(pool);
        for (int i = 1; i <= 3; i++) {
            admin.addServer(pool, pool + "-fe0" + i);
        }
        Target.Server patched = Target.server(pool + "-fe01");
        Runbook runbook = runbookFor.apply(quiesce, patched);
        List<String> on = new ArrayList<>();
        int sessions = 0;
        for (Step step : steps) {
            Optional<Violation> seen;
            if (step instanceof Step.Connect c) {
                String session = pool + "-s" + (++sessions);
                if (users.connect(pool, c.feature(), session) instanceof Decision.Accepted) {
                    on.add(session);
                }
                seen = Optional.empty();
            } else if (step instanceof Step.HangUp h) {
                seen = on.isEmpty() ? Optional.empty() : hangUp(users, on.remove(h.pick() % on.size()));
            } else {
                seen = runbookStep(runbook);
            }
            Optional<Violation> broken = seen.or(() -> capacity(quiesce.status(), pool));
            if (broken.isPresent()) {
                return broken;
            }
        }
        // The night ends: the last users hang up, and the runbook must then finish.
        for (String session : on) {
            Optional<Violation> broken = hangUp(users, session);
            if (broken.isPresent()) {
                return broken;
            }
        }
        for (int i = 0; i < 2 * PatchRunbook.Step.values().length && !runbook.done(); i++) {
            Optional<Violation> broken = runbookStep(runbook).or(() -> capacity(quiesce.status(), pool));
            if (broken.isPresent()) {
                return broken;
            }
        }
        if (!runbook.done()) {
            return Optional.of(new Violation("UNFINISHED", "the runbook did not finish once every user hung up"));
        }
        ServiceStatus status = quiesce.status().server(patched.name()).orElseThrow().status();
        return status == ServiceStatus.RUNNING ? Optional.empty()
                : Optional.of(new Violation("NOT_BACK", patched.name() + " ended " + status + ", not RUNNING"));
    }

    /** A hang-up is refused only when the session was cut off earlier, which the runbook must never do. */
    static Optional<Violation> hangUp(Operator users, String session) {
        Decision d = users.end(session);
        return d instanceof Decision.Accepted ? Optional.empty()
                : Optional.of(new Violation("INTERRUPTED", session + " was gone when its user hung up: " + d));
    }

    static Optional<Violation> runbookStep(Runbook runbook) {
        Optional<Decision> decision = runbook.advance();
        if (decision.isPresent() && decision.get() instanceof Decision.Rejected r) {
            return Optional.of(new Violation("REFUSED", "a runbook step was refused: " + r.rejection()));
        }
        Optional<Event> interruption = decision.stream()
                .flatMap(d -> ((Decision.Accepted) d).events().stream())
                .filter(e -> e instanceof Event.SessionInterrupted).findFirst();
        return interruption.map(e -> new Violation("INTERRUPTED", "the runbook interrupted a session: " + e));
    }

    static Optional<Violation> capacity(Deployment status, String pool) {
        for (String service : status.serversOf(pool).get(0).services().keySet()) {
            if (status.runningInstances(pool, service) == 0) {
                return Optional.of(new Violation("NO_RUNNING_INSTANCE", "pool " + pool + " has no running "
                        + service));
            }
        }
        return Optional.empty();
    }

    static Runbook adapt(PatchRunbook runbook) {
        return new Runbook() {
            @Override
            public Optional<Decision> advance() {
                return runbook.advance();
            }

            @Override
            public boolean done() {
                return runbook.next() == PatchRunbook.Step.DONE;
            }
        };
    }

    /** Pauses, then stops and restarts at once by force: it does not wait for the users. */
    static Runbook hasty(Operator operator, Target.Server server) {
        List<java.util.function.Supplier<Decision>> steps = List.of(
                () -> operator.pause(server),
                () -> operator.stop(server, Force.YES),
                () -> operator.restart(server, Force.YES),
                () -> operator.resume(server));
        int[] next = {0};
        return new Runbook() {
            @Override
            public Optional<Decision> advance() {
                return next[0] < steps.size() ? Optional.of(steps.get(next[0]++).get()) : Optional.empty();
            }

            @Override
            public boolean done() {
                return next[0] == steps.size();
            }
        };
    }
}
