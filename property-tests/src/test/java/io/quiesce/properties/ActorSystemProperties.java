package io.quiesce.properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Property (b): the actor system on LevelDB, with process restarts among the steps, refines the
 * core model. Each run opens the library at least twice, so runs are fewer and shorter than the
 * core model's: {@code -Dquiesce.actorRuns=N -Dquiesce.actorSteps=M} for a longer run.
 */
class ActorSystemProperties {
    static final int RUNS = Settings.integer("quiesce.actorRuns", 60);
    static final int STEPS = Settings.integer("quiesce.actorSteps", 25);
    /** Snapshot intervals the runs rotate through: none, and two that snapshot within a run. */
    static final int[] SNAPSHOT_EVERY = {0, 2, 5};

    @TempDir
    Path dir;

    @Test
    void actorSystemRefinesTheCoreModelAcrossRestarts() {
        PropertyRunner runner = new PropertyRunner("actor-system", "ActorSystemProperties",
                Generator.standard(STEPS, 1, 3),
                seed -> new Refinement(dir.resolve("seed-" + seed), SNAPSHOT_EVERY[(int) Math.floorMod(seed, 3L)],
                        Decider.standardRules()), 400);
        PropertyRunner.assertNone(runner.search(RUNS));
    }
}
