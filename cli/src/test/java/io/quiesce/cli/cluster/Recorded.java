package io.quiesce.cli.cluster;

import io.quiesce.JournalDatabase;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.catalog.Catalog;
import io.quiesce.event.Event;
import io.quiesce.rollout.RolloutEvent;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rules.Deployment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the journal database holds once every node is gone, read by opening it in the test's own
 * process: the whole history in commit order, the state recovered from it, and the pool's rollout.
 */
record Recorded(List<Event> history, Deployment state, Catalog catalog, List<RolloutEvent> rollout,
                RolloutState rolloutState) {
    static Recorded read(Path scratch, JournalDatabase journal, String pool) {
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(scratch).withJournal(journal))) {
            return new Recorded(q.history(), q.status(), q.rules().catalog(), q.rollouts().history(pool),
                    q.rollouts().state(pool));
        }
    }

    /** The state folded again from the history alone, event by event. */
    Deployment folded() {
        Deployment d = Deployment.empty();
        for (Event e : history) {
            d = d.evolve(e);
        }
        return d;
    }

    /** How many events of a type there are, by a key of each. */
    <E extends Event> Map<String, Integer> count(Class<E> type, Function<E, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        history.stream().filter(type::isInstance).map(type::cast)
                .forEach(e -> counts.merge(key.apply(e), 1, Integer::sum));
        return counts;
    }

    <E extends Event> List<E> all(Class<E> type, Predicate<E> which) {
        return history.stream().filter(type::isInstance).map(type::cast).filter(which).toList();
    }

    /** Each rollout step started, and each finished, by {@code server:STEP}. */
    Map<String, Integer> stepsStarted() {
        Map<String, Integer> counts = new TreeMap<>();
        rollout.stream().filter(RolloutEvent.StepStarted.class::isInstance).map(RolloutEvent.StepStarted.class::cast)
                .forEach(s -> counts.merge(s.server() + ":" + s.step(), 1, Integer::sum));
        return counts;
    }

    Map<String, Integer> stepsDone() {
        Map<String, Integer> counts = new TreeMap<>();
        for (RolloutEvent e : rollout) {
            if (e instanceof RolloutEvent.StepDone d) {
                counts.merge(d.server() + ":" + d.step(), 1, Integer::sum);
            } else if (e instanceof RolloutEvent.PatchFinished p) {
                counts.merge(p.server() + ":PATCH", 1, Integer::sum);
            }
        }
        return counts;
    }
}
