package io.quiesce.properties;

import io.quiesce.properties.harness.Seeds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Draws sequences from seeds, runs a property on each, and shrinks the first failure. Each
 * sequence has its own seed, drawn from a master seed that is printed, so a failure names the
 * one seed that reruns it ({@code -Dquiesce.seed=N}).
 *
 * @param name         names the property in output and in the counterexample's file name
 * @param rerun        how to run just this property, for the hint printed with a failure
 * @param generator    draws a sequence from a seed
 * @param property     the property for a sequence of that seed
 * @param shrinkBudget the most candidate sequences shrinking may run
 */
record PropertyRunner(String name, String rerun, Generator generator, LongFunction<Property> property,
                      int shrinkBudget) {
    static final Path FAILURES = Path.of("target", "quiesce-failures");

    /** A failing sequence, its shrunk form, and where that was written. */
    record Counterexample(String name, long seed, List<Step> original, List<Step> shrunk, Failure failure,
                          int attempts, Path file, String rerun) {
        String report() {
            StringBuilder out = new StringBuilder();
            out.append(name).append(": seed ").append(seed).append(" fails ").append(failure).append('\n')
                    .append("rerun: mvn -pl property-tests -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=")
                    .append(rerun).append(" -Dquiesce.seed=").append(seed).append('\n')
                    .append("shrunk from ").append(original.size()).append(" to ").append(shrunk.size())
                    .append(" steps in ").append(attempts).append(" runs; written to ").append(file).append(":\n");
            Steps.describe(shrunk).forEach(line -> out.append("  ").append(line).append('\n'));
            return out.toString();
        }
    }

    /** Fails the test with the counterexample's report, if there is one. */
    static void assertNone(Optional<Counterexample> found) {
        found.ifPresent(c -> System.out.println(c.report()));
        org.assertj.core.api.Assertions.assertThat(found)
                .withFailMessage("%s", found.map(Counterexample::report).orElse(""))
                .isEmpty();
    }

    /**
     * Runs {@code runs} sequences until the first failure: just one with {@code -Dquiesce.seed},
     * the same ones as before with {@code -Dquiesce.masterSeed}.
     */
    Optional<Counterexample> search(int runs) {
        return firstFailure(Seeds.search(name, runs));
    }

    /**
     * Runs {@code runs} sequences until the first failure whatever {@code -Dquiesce.seed} says: a
     * hunt for a known failure needs its whole budget, and a seed given to rerun some other
     * property would leave it one sequence. {@code -Dquiesce.masterSeed} still replays a run.
     */
    Optional<Counterexample> hunt(int runs) {
        return firstFailure(Seeds.hunt(name, runs));
    }

    private Optional<Counterexample> firstFailure(long[] seeds) {
        for (long seed : seeds) {
            List<Step> steps = generator.generate(seed);
            Property p = property.apply(seed);
            Optional<Failure> failure = p.check(steps);
            if (failure.isPresent()) {
                Shrinker.Result shrunk = new Shrinker(p, shrinkBudget).shrink(steps, failure.get());
                Path file = write(seed, shrunk.steps());
                return Optional.of(new Counterexample(name, seed, steps, shrunk.steps(), shrunk.failure(),
                        shrunk.attempts(), file, rerun));
            }
        }
        return Optional.empty();
    }

    private Path write(long seed, List<Step> steps) {
        try {
            Files.createDirectories(FAILURES);
            Path file = FAILURES.resolve(name + "-" + seed + ".jsonl");
            Files.writeString(file, CommandLines.write(steps));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
