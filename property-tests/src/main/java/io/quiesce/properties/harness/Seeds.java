package io.quiesce.properties.harness;

import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * The seeds of a search, one per sequence, drawn from a master seed that is printed so a run
 * can be repeated: {@code -Dquiesce.masterSeed=M} draws the same ones again, and
 * {@code -Dquiesce.seed=N} (for a {@linkplain #search search}) gives just N, to rerun one
 * failing sequence.
 */
public final class Seeds {
    private Seeds() {
    }

    /** {@code runs} seeds, or only the one {@code -Dquiesce.seed} names; says which on stdout. */
    public static long[] search(String name, int runs) {
        return draw(name, runs, longProperty("quiesce.seed"));
    }

    /**
     * {@code runs} seeds whatever {@code -Dquiesce.seed} says: for a hunt that needs its whole
     * budget, such as a test that a known mistake is caught.
     */
    public static long[] hunt(String name, int runs) {
        return draw(name, runs, OptionalLong.empty());
    }

    private static long[] draw(String name, int runs, OptionalLong onlySeed) {
        if (onlySeed.isPresent()) {
            System.out.println(name + ": rerunning seed " + onlySeed.getAsLong());
            return new long[] {onlySeed.getAsLong()};
        }
        long master = longProperty("quiesce.masterSeed").orElseGet(() -> new SplittableRandom().nextLong());
        System.out.println(name + ": " + runs + " sequences from master seed " + master + " (-Dquiesce.masterSeed="
                + master + ")");
        SplittableRandom random = new SplittableRandom(master);
        long[] seeds = new long[runs];
        for (int i = 0; i < runs; i++) {
            seeds[i] = random.nextLong();
        }
        return seeds;
    }

    private static OptionalLong longProperty(String key) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
    }
}
