package io.quiesce.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reduces a failing sequence while it still fails the same check: drop chunks (halves down to
 * pairs), then single steps, then make arguments simpler, and again until nothing more goes or
 * the budget of property runs is spent.
 */
final class Shrinker {
    private final Property property;
    private final int budget;
    private int attempts;
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
        List<Step> best = fails(normalize(failing)) ? normalize(failing) : failing;
        boolean progress = true;
        while (progress && attempts < budget) {
            progress = false;
            for (int size = best.size() / 2; size >= 1; size /= 2) {
                for (int i = 0; i + size <= best.size() && attempts < budget; ) {
                    List<Step> candidate = normalize(without(best, i, size));
                    if (fails(candidate)) {
                        best = candidate;
                        progress = true;
                    } else {
                        i += size;
                    }
                }
            }
            for (int i = 0; i < best.size() && attempts < budget; i++) {
                Optional<List<Step>> simpler = simplerAt(best, i);
                if (simpler.isPresent()) {
                    best = simpler.get();
                    progress = true;
                    i--; // the simpler step may simplify further
                }
            }
        }
        return new Result(best, failure, attempts);
    }

    private Optional<List<Step>> simplerAt(List<Step> steps, int i) {
        for (Step simpler : steps.get(i).simpler()) {
            List<Step> candidate = new ArrayList<>(steps);
            candidate.set(i, simpler);
            candidate = normalize(candidate);
            if (attempts < budget && fails(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private boolean fails(List<Step> candidate) {
        attempts++;
        Optional<Failure> f = property.check(candidate);
        if (f.isPresent() && f.get().check().equals(failure.check())) {
            failure = f.get();
            return true;
        }
        return false;
    }

    private static List<Step> without(List<Step> steps, int from, int count) {
        List<Step> out = new ArrayList<>(steps.subList(0, from));
        out.addAll(steps.subList(from + count, steps.size()));
        return out;
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
