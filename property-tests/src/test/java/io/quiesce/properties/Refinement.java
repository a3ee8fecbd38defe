package io.quiesce.properties;

import io.quiesce.event.Event;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;


/**
 * Property (b): the actor system on a real LevelDB directory refines the core model. The same
 * sequence runs on both; each command gets the same decision and leaves the same state; after
 * each process restart the status equals the one before (I6); at the end the events exported as
 * history lines replay to the live status. Pause deadlines fire in both at the same moments:
 * before a request (the test asks the library to check them, standing in for its timer) or at a
 * restart (the library fires them by itself on recovery), once the clock has passed them.
 *
 * @param root          where the data directories of this property's runs go
 * @param snapshotEvery the entities' snapshot interval (0: none), so recovery from snapshots is covered
 */
record Refinement(Path root, int snapshotEvery, Rules rules) implements Property {
    /** How long recovery may take to fire the deadlines that passed while the process was down. */
    static final Duration RECOVERY_PATIENCE = Duration.ofSeconds(10);

    @Override
    public Optional<Failure> check(List<Step> steps) {
        Path dir = newDirectory();
        ModelRun model = new ModelRun(rules::decide);
        Checker checker = new Checker(rules.catalog());
        try (LiveSystem live = new LiveSystem(dir, ModelRun.START, snapshotEvery)) {
            for (int i = 0; i < steps.size(); i++) {
                Optional<Failure> f = step(steps.get(i), model, checker, live);
                if (f.isPresent()) {
                    return CoreModel.at(i, f.get());
                }
            }
            return exported(model, live);
        } catch (RuntimeException e) {
            return Optional.of(Failure.thrown(e));
        } finally {
            delete(dir);
        }
    }

    private static Optional<Failure> step(Step step, ModelRun model, Checker checker, LiveSystem live) {
        Deployment beforeStep = model.state();
        List<Observation> seen = model.apply(step);
        for (Observation o : seen) {
            Optional<Failure> f = checker.check(o);
            if (f.isPresent()) {
                return f;
            }
        }
        if (step instanceof Step.Wait w) {
            live.advance(w.duration());
            return Optional.empty();
        } else if (step instanceof Step.Send) {
            return send(seen.get(seen.size() - 1), model, live);
        }
        return reopen(beforeStep, model, live);
    }

    /** The library's timer would fire due deadlines; here the test asks, then sends the request. */
    private static Optional<Failure> send(Observation expected, ModelRun model, LiveSystem live) {
        live.fireDueDeadlines();
        Decision actual = live.execute(expected.command());
        if (!actual.equals(expected.decision())) {
            return Failure.of("REFINEMENT", Describe.command(expected.command()) + ": the model decided "
                    + expected.decision() + " but the actor system " + actual);
        }
        Deployment status = live.status();
        if (!status.equals(model.state())) {
            return Failure.of(expected.accepted() ? "REFINEMENT" : "I8", "after "
                    + Describe.command(expected.command()) + " the actor system's state differs from the model:\n    "
                    + StateDiff.describe(model.state(), status));
        }
        return Optional.empty();
    }

    /**
     * I6: the status after reopening is the status before, plus the deadlines that passed while
     * the process was down, which the library fires by itself on recovery (nobody asks it here).
     */
    private static Optional<Failure> reopen(Deployment beforeStep, ModelRun model, LiveSystem live) {
        Deployment before = live.status();
        if (!before.equals(beforeStep)) {
            return Failure.of("REFINEMENT", "before the restart the actor system's state differs from the model:\n    "
                    + StateDiff.describe(beforeStep, before));
        }
        live.reopen();
        Deployment after = live.statusOnceEqual(model.state(), RECOVERY_PATIENCE);
        if (!after.equals(model.state())) {
            return Failure.of("I6", (before.equals(model.state()) ? "the status after reopening differs from the one before"
                    : "deadlines that passed while the process was down did not fire as expected on recovery")
                    + ":\n    " + StateDiff.describe(model.state(), after));
        }
        return Optional.empty();
    }

    /**
     * The export holds exactly the events the model accepted, in the order it accepted them
     * (commands go one at a time and the clock never goes back, so time order is decision order),
     * and it replays to the live status.
     */
    private Optional<Failure> exported(ModelRun model, LiveSystem live) {
        List<Event> history = live.history();
        List<Event> expected = model.journal();
        if (!history.equals(expected)) {
            int at = 0;
            while (at < Math.min(history.size(), expected.size()) && history.get(at).equals(expected.get(at))) {
                at++;
            }
            return Failure.of("REFINEMENT", "the exported history differs from the events the model accepted: "
                    + expected.size() + " accepted, " + history.size() + " exported; first difference at event "
                    + (at + 1) + ": accepted " + (at < expected.size() ? expected.get(at) : "nothing")
                    + ", exported " + (at < history.size() ? history.get(at) : "nothing"));
        }
        return ExportReplay.compare(rules, history, live.status());
    }

    private Path newDirectory() {
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
