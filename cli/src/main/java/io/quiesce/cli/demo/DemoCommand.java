package io.quiesce.cli.demo;


import io.quiesce.ManualClock;
import io.quiesce.Quiesce;
import io.quiesce.auth.Principal;
import io.quiesce.cli.CliFailure;
import io.quiesce.cli.ExitCode;
import io.quiesce.cli.QuiesceCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code demo}: a guided tour on a fresh data directory (a temporary one unless {@code --data}
 * names one), under simulated traffic in simulated time.
 */
@Command(name = "demo", description = {
        "A guided tour in under a minute: pause, drain, restart and bring back a server under simulated",
        "traffic; the AUTOMATIC-startup trap; a pool without DNS load balancing. Uses a new temporary",
        "data directory unless --data is given (it must hold no pool)."})
public final class DemoCommand implements Callable<Integer> {
    /** The story takes about twenty simulated minutes; it is set in the hour before now. */
    private static final Duration SET_BACK = Duration.ofHours(1);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        Path dir = root.dataGiven() ? root.dataDirectory() : temporaryDirectory();
        ManualClock clock = new ManualClock(Clock.systemUTC().instant().minus(SET_BACK));
        Principal operator = Principal.of(root.principal().name(), root.adminGroup());
        // A demo's data is disposable: no need to wait for the disk on every write.
        try (Quiesce quiesce = Quiesce.open(root.options(dir, clock).withFsync(false))) {
            if (!quiesce.status().pools().isEmpty()) {
                throw CliFailure.badInput("the demo needs a data directory without pools; " + dir
                        + " has some: leave out --data to use a new temporary one.");
            }
            Simulation sim = new Simulation(quiesce, clock, Principal.of("traffic", root.adminGroup()));
            new DemoStory(sim, operator, root.output().out(), root.environment().interactive(), dir).tell();
        }
        return ExitCode.DONE;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("quiesce-demo-");
        } catch (IOException e) {
            throw new CliFailure(ExitCode.DATA_DIRECTORY, "cannot create a temporary data directory for the demo: "
                    + e.getMessage() + "; give one with --data.");
        }
    }
}
