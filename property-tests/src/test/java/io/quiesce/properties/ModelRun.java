package io.quiesce.properties;

import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The core model: a deployment folded from the events a decider accepts, a clock the steps move,
 * and the journal of every accepted event. It checks nothing itself; callers look at the
 * observations each step returns.
 */
final class ModelRun {
    /** Every run starts at the same instant, so a sequence always stamps the same times. */
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    private final Decider decider;
    private final List<Event> journal = new ArrayList<>();
    private Deployment state = Deployment.empty();
    private Instant now = START;

    ModelRun(Decider decider) {
        this.decider = decider;
    }

    Deployment state() {
        return state;
    }

    Instant now() {
        return now;
    }

    List<Event> journal() {
        return Collections.unmodifiableList(journal);
    }

    /**
     * Runs one step. A request or a restart first fires every pause deadline that has passed,
     * earliest first, each at its own instant, as the persistence layer does; the request's own
     * observation comes last.
     */
    List<Observation> apply(Step step) {
        if (step instanceof Step.Wait w) {
            now = now.plus(w.duration());
            return List.of();
        }
        List<Observation> seen = new ArrayList<>();
        for (ServiceState s : state.pendingDeadlines()) {
            if (!s.deadline().isAfter(now)) {
                seen.add(decide(new Command.DeadlinePassed(s.server(), s.name(), s.deadline())));
            }
        }
        if (step instanceof Step.Send send) {
            seen.add(decide(send.command(now)));
        }
        return seen;
    }

    private Observation decide(Command command) {
        Deployment before = state;
        Decision decision = decider.decide(before, command);
        if (decision instanceof Decision.Accepted a) {
            state = state.evolve(a.events());
            journal.addAll(a.events());
        }
        return new Observation(before, command, decision, state);
    }
}
