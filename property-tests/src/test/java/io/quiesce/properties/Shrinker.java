package io.quiesce.properties;

import io.quiesce.properties.harness.Shrinking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reduces a failing sequence while it still fails the same check, with the harness's {@link
 * Shrinking}: steps are normalized (waits merged) and made simpler through {@link Step#simpler}.
 */
final class Shrinker {
    private final Property property;
    private final int budget;
    private Failure failure;

    /**
     * @param property what must keep failing
     * @param budget   the most candidate sequences to run
     */
    Shrinker(Property property, int budget) {
        this.property = property;
        this.budget = budget;
    }

    record Result(List<Step> steps, Failure failure, int attempts) {
    }

    Result shrink(List<Step> failing, Failure failed) {
        this.failure = failed;
        Shrinking.Result<Step> shrunk = new Shrinking<>(this::fails, Shrinker::normalize, Step::simpler, budget)
                .shrink(failing);
        return new Result(shrunk.steps(), failure, shrunk.attempts());
    }

    private boolean fails(List<Step> candidate) {
        Optional<Failure> f = property.check(candidate);
        if (f.isPresent() && f.get().check().equals(failure.check())) {
            failure = f.get();
            return true;
        }
        return false;
    }

    /**
     * Consecutive waits become one and a trailing wait goes: a history file can only say how
     * much time passed before its next line, so this keeps every sequence writable exactly.
     */
    static List<Step> normalize(List<Step> steps) {
        List<Step> out = new ArrayList<>();
        for (Step step : steps) {
            Step last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (step instanceof Step.Wait w && last instanceof Step.Wait previous) {
                out.set(out.size() - 1, new Step.Wait(previous.duration().plus(w.duration())));
            } else {
                out.add(step);
            }
        }
        if (!out.isEmpty() && out.get(out.size() - 1) instanceof Step.Wait) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
