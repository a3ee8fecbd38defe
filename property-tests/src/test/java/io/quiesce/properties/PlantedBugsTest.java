package io.quiesce.properties;

import io.quiesce.auth.Authorization;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.history.Replay;
import io.quiesce.history.ReplayResult;
import io.quiesce.rules.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties have teeth: each planted bug is caught by the check meant for it and shrunk to
 * a counterexample of at most ten steps that the real rules pass, written as a history file
 * that {@code quiesce replay} opens and that fails the same way when read back.
 */
class PlantedBugsTest {
    /** Enough that a bug met in one sequence in fifty is still found. */
    static final int SEARCH = 1000;

    static PropertyRunner runner(PlantedBug bug, Rules rules) {
        Decider faulty = bug.in(rules);
        return new PropertyRunner("planted-" + bug.name().toLowerCase(java.util.Locale.ROOT),
                "PlantedBugsTest", Generator.standard(40, 0, 1).withDecider(faulty),
                seed -> new CoreModel(faulty, rules.catalog()), 5000);
    }

    @ParameterizedTest
    @EnumSource(PlantedBug.class)
    void plantedBugIsCaughtAndShrunk(PlantedBug bug) throws IOException {
        Rules rules = Decider.standardRules();
        Decider faulty = bug.in(rules);
        PropertyRunner runner = runner(bug, rules);

        Optional<PropertyRunner.Counterexample> found = runner.hunt(SEARCH);

        assertThat(found).as("%s is caught", bug).isPresent();
        System.out.println(found.get().report());
        assertThat(found.get().failure().check()).as("the check that caught %s", bug).isEqualTo(bug.caughtBy());
        assertThat(found.get().shrunk()).as("%s shrunk", bug).hasSizeLessThanOrEqualTo(10);
        assertThat(CoreModel.standard().check(found.get().shrunk())).as("the real rules pass it").isEmpty();
        Path file = found.get().file();
        List<Step> written = CommandLines.read(Files.readString(file), file.toString());
        assertThat(new CoreModel(faulty, rules.catalog()).check(written)).as("the written file fails the same way")
                .map(Failure::check).contains(bug.caughtBy());
        ReplayResult replayed = new Replay(rules).run(new HistoryReader(Files.newBufferedReader(file), file.toString(),
                Authorization.DEFAULT_ADMIN_GROUP), file.toString(), null);
        assertThat(replayed.lines()).as("lines quiesce replay read").isEqualTo(Files.readAllLines(file).size());
    }

    /** Whole-module runs with {@code -Dquiesce.seed=N} (to rerun one property's failure) must not blunt the hunt. */
    @Test
    void givenAModuleWideSeedThatMissesTheBug_whenThePlantedBugIsHunted_thenItIsStillCaught() {
        Rules rules = Decider.standardRules();
        PropertyRunner runner = runner(PlantedBug.NO_QUORUM_GUARD, rules);
        long missing = 1;
        while (runnerFinds(runner, missing)) {
            missing++;
        }
        String before = System.getProperty("quiesce.seed");
        System.setProperty("quiesce.seed", Long.toString(missing));
        try {
            assertThat(runner.search(SEARCH)).as("the seed alone misses it").isEmpty();

            assertThat(runner.hunt(SEARCH)).as("the hunt searches its own budget").isPresent();
        } finally {
            if (before == null) {
                System.clearProperty("quiesce.seed");
            } else {
                System.setProperty("quiesce.seed", before);
            }
        }
    }

    private static boolean runnerFinds(PropertyRunner runner, long seed) {
        return runner.property().apply(seed).check(runner.generator().generate(seed)).isPresent();
    }
}
