package io.quiesce.properties.harness;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Draws sequences from seeds, checks a property on each, and shrinks the first that fails. Each
 * sequence has its own seed ({@link Seeds}): {@code -Dquiesce.seed=N} reruns just the sequence of
 * seed N, {@code -Dquiesce.masterSeed=M} the same ones as a run that printed M.
 *
 * @param name         names the property in what is printed
 * @param generator    draws one sequence from a random source; the same seed must give the same sequence
 * @param property     what every sequence must satisfy
 * @param shrinkBudget the most candidate sequences shrinking may run
 * @param <T>          a step of the sequence
 */
public record PropertyCheck<T>(String name, Function<SplittableRandom, List<T>> generator,
                               SequenceProperty<T> property, int shrinkBudget) {
    /**
     * A failing sequence, as drawn and as shrunk.
     *
     * @param seed     reruns it with {@code -Dquiesce.seed}
     * @param attempts how many candidates shrinking ran
     * @param <T>      a step of the sequence
     */
    public record Counterexample<T>(String name, long seed, List<T> original, List<T> shrunk, Violation violation,
                                    int attempts) {
        /** For a person: the property, the seed that reruns it, and the shrunk steps one a line. */
        public String report(Function<T, String> describe) {
            StringBuilder out = new StringBuilder(name + ": seed " + seed + " fails " + violation + "\n"
                    + "rerun with -Dquiesce.seed=" + seed + "; shrunk from " + original.size() + " to "
                    + shrunk.size() + " steps in " + attempts + " runs:\n");
            shrunk.forEach(step -> out.append("  ").append(describe.apply(step)).append('\n'));
            return out.toString();
        }
    }

    /** Checks {@code runs} sequences (one with {@code -Dquiesce.seed}) and shrinks the first failure. */
    public Optional<Counterexample<T>> search(int runs) {
        return firstFailure(Seeds.search(name, runs));
    }

    /**
     * Checks {@code runs} sequences whatever {@code -Dquiesce.seed} says, for a hunt that needs its
     * whole budget: a test that a known mistake is caught, say.
     */
    public Optional<Counterexample<T>> hunt(int runs) {
        return firstFailure(Seeds.hunt(name, runs));
    }

    private Optional<Counterexample<T>> firstFailure(long[] seeds) {
        for (long seed : seeds) {
            List<T> steps = generator.apply(new SplittableRandom(seed));
            Optional<Violation> violation = property.check(steps);
            if (violation.isPresent()) {
                String check = violation.get().check();
                Violation[] last = {violation.get()};
                Shrinking.Result<T> shrunk = Shrinking.<T>byDropping(candidate -> {
                    Optional<Violation> v = property.check(candidate);
                    v.filter(x -> x.check().equals(check)).ifPresent(x -> last[0] = x);
                    return v.isPresent() && v.get().check().equals(check);
                }, shrinkBudget).shrink(steps);
                return Optional.of(new Counterexample<>(name, seed, steps, shrunk.steps(), last[0],
                        shrunk.attempts()));
            }
        }
        return Optional.empty();
    }
}
