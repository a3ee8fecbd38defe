package io.quiesce.cli.demo;

import io.quiesce.cli.CliFailure;
import io.quiesce.cli.Durations;
import io.quiesce.cli.Output;
import io.quiesce.cli.RolloutScheduleOptions;
import io.quiesce.cli.Times;
import io.quiesce.cli.Tokens;

import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.Quiesce;
import io.quiesce.internal.persistence.RolloutProgress;
import io.quiesce.internal.persistence.RolloutRunner;
import io.quiesce.rollout.PatchOutcome;
import io.quiesce.rollout.RolloutCommand;
import io.quiesce.rollout.RolloutDecision;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutPlan;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rules.Rejection;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code simulate POOL --rollout '...'}: a rollout rehearsed against the simulation's generated
 * traffic, in simulated time. Waiting for a drain lets the users go on; the patch step is not run,
 * it takes {@code --patch-time} of simulated time instead. A rollout still under way when the run
 * ends is aborted, so nothing is left for a later real run to take up.
 */
final class RolloutRehearsal {
    /** The options of {@code rollout start}, given to --rollout as one string. */
    @CommandLine.Command(name = "--rollout")
    static final class Arguments {
        @Mixin
        RolloutScheduleOptions schedule;

        @Option(names = "--reason", paramLabel = "TEXT")
        String reason;
    }

    /** How the rehearsal went: the refusal that kept it from starting, or how the rollout ended. */
    record Outcome(Rejection refused, RolloutState rollout, Instant from, Instant to) {
        boolean completed() {
            return rollout != null && rollout.status() == io.quiesce.rollout.RolloutStatus.COMPLETED;
        }
    }

    private final String pool;
    private final String text;
    private final RolloutOptions options;
    private final String reason;

    private RolloutRehearsal(String pool, String text, RolloutOptions options, String reason) {
        this.pool = pool;
        this.text = text;
        this.options = options;
        this.reason = reason;
    }

    static RolloutRehearsal parse(String pool, String text) {
        Arguments args = new Arguments();
        CommandLine line = new CommandLine(args);
        line.setExpandAtFiles(false);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.registerConverter(Duration.class, new Durations());
        try {
            line.parseArgs(Tokens.split(text).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw CliFailure.badInput("--rollout " + text + ": " + e.getMessage());
        }
        return new RolloutRehearsal(pool, text, args.schedule.options(), args.reason);
    }

    String text() {
        return text;
    }

    /**
     * Runs the rollout from now until it ends, or until {@code end}, when it is aborted.
     *
     * @param due the scripted steps that have come due, applied between looks at a drain
     */
    Outcome run(Simulation sim, Principal operator, Simulation.Watcher watcher, Runnable due, Instant end,
                Duration patchTime, Output out, Instant start) {
        Quiesce q = sim.quiesce();
        Instant from = sim.now();
        RolloutPlan plan = q.rollouts().plan(pool, options);
        if (!plan.possible()) {
            return new Outcome(plan.obstacles().get(0), null, from, from);
        }
        boolean[] abortAsked = {false};
        RolloutRunner.Pace pace = () -> {
            if (!sim.now().isBefore(end)) {
                if (!abortAsked[0]) {
                    abortAsked[0] = true;
                    q.rollouts().decide(pool, new RolloutCommand.Abort(true, sim.act(operator,
                            "the simulated run ended before the rollout")));
                }
                return;
            }
            sim.run(Duration.ofSeconds(1), watcher);
            due.run();
        };
        RolloutRunner runner = new RolloutRunner(q.rollouts(), display(out, sim, start), pace, command -> {
            Instant began = sim.now();
            sim.run(patchTime, watcher);
            due.run();
            return new PatchOutcome(0, "rehearsal: not run: " + command, Duration.between(began, sim.now()));
        });
        Act act = sim.act(operator, reason);
        RolloutDecision begun = runner.begin(pool, options, plan, act);
        if (begun instanceof RolloutDecision.Rejected r) {
            return new Outcome(r.rejection(), null, from, from);
        }
        RolloutState ended = runner.drive(pool);
        return new Outcome(null, ended, from, sim.now());
    }

    private static RolloutProgress display(Output out, Simulation sim, Instant start) {
        return new RolloutProgress() {
            @Override
            public void stepDone(RolloutState rollout, RolloutState.Next step, String note) {
                if (!out.json()) {
                    out.line(Times.offset(Duration.between(start, sim.now())) + "   " + step.server() + ": "
                            + step.step().words() + ": " + note);
                }
            }
        };
    }

    static Map<String, Object> json(Outcome o, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("options", text);
        m.put("refused", o.refused() == null ? null : Map.of("code", o.refused().code().name(), "message",
                o.refused().message()));
        m.put("status", o.rollout() == null ? null : o.rollout().status().name());
        m.put("code", o.rollout() == null ? null : o.rollout().endCode());
        m.put("message", o.rollout() == null ? null : o.rollout().endMessage());
        m.put("from", o.from().toString());
        m.put("to", o.to().toString());
        m.put("duration", Durations.format(Duration.between(o.from(), o.to())));
        return m;
    }

    static String line(Outcome o) {
        if (o.refused() != null) {
            return "rollout refused (" + o.refused().code() + "): " + o.refused().message();
        }
        String how = o.completed() ? "completed" : "aborted (" + o.rollout().endCode() + ": "
                + o.rollout().endMessage() + ")";
        return "rollout " + how + " after " + Durations.format(Duration.between(o.from(), o.to())) + " of simulated time";
    }
}
