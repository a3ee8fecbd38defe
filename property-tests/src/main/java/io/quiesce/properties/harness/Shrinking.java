package io.quiesce.properties.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Reduces a failing sequence while it still fails: drop chunks (halves down to single steps),
 * then make single steps simpler, and again until nothing more goes or the budget of property
 * runs is spent. Every candidate is normalized first, so it stays a sequence worth running.
 *
 * @param <T> a step of the sequence
 */
public final class Shrinking<T> {
    private final Predicate<List<T>> stillFails;
    private final UnaryOperator<List<T>> normalize;
    private final Function<T, List<T>> simpler;
    private final int budget;
    private int attempts;

    /**
     * @param stillFails runs a candidate: true if it fails the way the original did
     * @param normalize  puts a candidate in canonical form ({@link UnaryOperator#identity()} if none)
     * @param simpler    simpler forms of one step, simplest first (none: an empty list)
     * @param budget     the most candidates to run
     */
    public Shrinking(Predicate<List<T>> stillFails, UnaryOperator<List<T>> normalize, Function<T, List<T>> simpler,
                     int budget) {
        this.stillFails = stillFails;
        this.normalize = normalize;
        this.simpler = simpler;
        this.budget = budget;
    }

    /** A sequence that only ever drops steps: no normal form, no simpler steps. */
    public static <T> Shrinking<T> byDropping(Predicate<List<T>> stillFails, int budget) {
        return new Shrinking<>(stillFails, UnaryOperator.identity(), step -> List.of(), budget);
    }

    /**
     * The shrunk sequence and how many candidates were run for it.
     *
     * @param <T> a step of the sequence
     */
    public record Result<T>(List<T> steps, int attempts) {
    }

    /** Shrinks {@code failing}, a sequence known to fail. */
    public Result<T> shrink(List<T> failing) {
        List<T> best = fails(normalize.apply(failing)) ? normalize.apply(failing) : failing;
        boolean progress = true;
        while (progress && attempts < budget) {
            progress = false;
            for (int size = best.size() / 2; size >= 1; size /= 2) {
                for (int i = 0; i + size <= best.size() && attempts < budget; ) {
                    List<T> candidate = normalize.apply(without(best, i, size));
                    if (fails(candidate)) {
                        best = candidate;
                        progress = true;
                    } else {
                        i += size;
                    }
                }
            }
            for (int i = 0; i < best.size() && attempts < budget; i++) {
                Optional<List<T>> simplerOne = simplerAt(best, i);
                if (simplerOne.isPresent()) {
                    best = simplerOne.get();
                    progress = true;
                    i--; // the simpler step may simplify further
                }
            }
        }
        return new Result<>(List.copyOf(best), attempts);
    }

    private Optional<List<T>> simplerAt(List<T> steps, int i) {
        for (T step : simpler.apply(steps.get(i))) {
            List<T> candidate = new ArrayList<>(steps);
            candidate.set(i, step);
            candidate = normalize.apply(candidate);
            if (attempts < budget && fails(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private boolean fails(List<T> candidate) {
        attempts++;
        return stillFails.test(candidate);
    }

    private static <T> List<T> without(List<T> steps, int from, int count) {
        List<T> out = new ArrayList<>(steps.subList(0, from));
        out.addAll(steps.subList(from + count, steps.size()));
        return out;
    }
}
