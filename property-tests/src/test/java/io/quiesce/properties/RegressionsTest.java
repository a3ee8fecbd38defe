package io.quiesce.properties;

import io.quiesce.auth.Authorization;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.history.Replay;
import io.quiesce.history.ReplayResult;
import io.quiesce.rules.Rules;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every history file under {@code src/test/resources/regressions/} (docs/behaviour.md command
 * lines, as the shrinker writes them) through the core model (with its export replayed), through
 * core's replay (as {@code quiesce replay} opens it) and through the actor system, restarted at
 * the end. A history file has no line for a process restart, so files the actor-system property
 * found ({@code actor-*.jsonl}) restart it after every line: a failure that needed a restart
 * somewhere still meets one.
 */
class RegressionsTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> committedRegressionsStillPass() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getResource("/regressions").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
        assertThat(files).as("regression files in %s", folder).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            List<Step> steps = CommandLines.read(Files.readString(file), name);
            Rules rules = Decider.standardRules();
            assertThat(steps).as(name).isNotEmpty();
            assertThat(CoreModel.standard().check(steps)).as("%s on the core model", name).isEmpty();
            assertThat(new ExportReplay(rules).check(steps)).as("%s exported and replayed", name).isEmpty();
            ReplayResult replayed = new Replay(rules).run(new HistoryReader(Files.newBufferedReader(file), name,
                    Authorization.DEFAULT_ADMIN_GROUP), name, null);
            int lines = (int) steps.stream().filter(s -> s instanceof Step.Send).count();
            assertThat(replayed.lines()).as("%s lines quiesce replay read", name).isEqualTo(lines);
            List<Step> restarting = name.startsWith("actor-") ? reopeningAfterEachLine(steps) : reopeningAtTheEnd(steps);
            assertThat(new Refinement(dir.resolve(name), 0, rules).check(restarting)).as("%s on the actor system", name)
                    .isEmpty();
        }));
    }

    private static List<Step> reopeningAtTheEnd(List<Step> steps) {
        List<Step> out = new ArrayList<>(steps);
        out.add(new Step.Reopen());
        return out;
    }

    private static List<Step> reopeningAfterEachLine(List<Step> steps) {
        List<Step> out = new ArrayList<>();
        for (Step step : steps) {
            out.add(step);
            if (step instanceof Step.Send) {
                out.add(new Step.Reopen());
            }
        }
        return out;
    }
}
