package io.quiesce.properties;

import org.junit.jupiter.api.Test;

/**
 * Properties (a) and (c) on the core model alone: fast, so many long sequences.
 * {@code -Dquiesce.runs=N -Dquiesce.steps=M -Dquiesce.exportRuns=K} change the counts and the
 * longest sequence.
 */
class CoreModelProperties {
    static final int RUNS = Settings.integer("quiesce.runs", 2000);
    static final int STEPS = Settings.integer("quiesce.steps", 60);
    /** Fewer: these runs are about the export and the replay; the rules are covered above. */
    static final int EXPORT_RUNS = Settings.integer("quiesce.exportRuns", 500);

    @Test
    void everyStepKeepsTheInvariantsAndTheRules() {
        PropertyRunner runner = new PropertyRunner("core-model",
                "CoreModelProperties#everyStepKeepsTheInvariantsAndTheRules",
                Generator.standard(STEPS, 0, 2), seed -> CoreModel.standard(), 5000);
        PropertyRunner.assertNone(runner.search(RUNS));
    }

    @Test
    void exportThenReplayEqualsTheLiveState() {
        PropertyRunner runner = new PropertyRunner("export-replay",
                "CoreModelProperties#exportThenReplayEqualsTheLiveState",
                Generator.standard(STEPS, 0, 0), seed -> new ExportReplay(Decider.standardRules()), 5000);
        PropertyRunner.assertNone(runner.search(EXPORT_RUNS));
    }
}
