package io.quiesce.cli.demo;


import io.quiesce.ManualClock;
import io.quiesce.Quiesce;
import io.quiesce.auth.Principal;
import io.quiesce.formats.decision.DecisionJson;
import io.quiesce.catalog.Role;
import io.quiesce.cli.CliFailure;
import io.quiesce.cli.DecisionReport;
import io.quiesce.cli.Durations;
import io.quiesce.cli.ExitCode;
import io.quiesce.cli.OnOff;
import io.quiesce.cli.Output;
import io.quiesce.cli.QuiesceCommand;
import io.quiesce.cli.ServiceNames;
import io.quiesce.cli.StepWords;
import io.quiesce.cli.Times;
import io.quiesce.command.Command;
import io.quiesce.pool.PoolState;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rejection;
import io.quiesce.server.ServerState;
import io.quiesce.service.Session;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code simulate POOL}: generated users load a pool while a maintenance script runs, in
 * simulated time that ends at the present, so that a ten-minute run takes seconds and whatever
 * is done afterwards follows it in the journal. Everything lands in the data directory.
 */
@picocli.CommandLine.Command(name = "simulate", description = {
        "Drive a pool with generated traffic while applying a maintenance script, in simulated time.",
        "Steps: --at \"OFFSET COMMAND\" (e.g. --at \"30s pause fe01 --deadline 5m\") or --script FILE of"
                + " command lines of the history format. Creates the pool (with --servers) if it does not exist."})
public final class SimulateCommand implements Callable<Integer> {
    private static final List<String> DEFAULT_SERVERS = List.of("fe01", "fe02", "fe03");
    private static final Duration LONGEST = Duration.ofDays(1);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "POOL", description = "The pool to load; created if it does not exist.")
    String pool;

    @Option(names = "--servers", paramLabel = "S1,S2", split = ",",
            description = "Servers of a pool that simulate creates (default: fe01,fe02,fe03).")
    List<String> servers;

    @Option(names = "--no-dns-lb", description = "A pool that simulate creates has no DNS load balancing.")
    boolean noDnsLoadBalancing;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "1",
            description = "New sessions per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--mean", paramLabel = "DURATION", defaultValue = "2m", converter = Durations.class,
            description = "Mean session length (default: ${DEFAULT-VALUE}).")
    Duration mean;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10m", converter = Durations.class,
            description = "Simulated time to run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the random traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--script", paramLabel = "FILE",
            description = "Maintenance steps: command lines of the history format, one JSON object a line.")
    Path script;

    @Option(names = "--at", paramLabel = "OFFSET COMMAND", parameterConsumer = StepWords.class,
            description = "Run COMMAND (a quiesce command that changes something) OFFSET into the run; repeatable.")
    List<List<String>> at = new ArrayList<>();

    @Option(names = "--rollout", paramLabel = "'OPTIONS'",
            description = "Rehearse a rollout of the pool with these rollout start options (one quoted string).")
    String rollout;

    @Option(names = "--rollout-at", paramLabel = "OFFSET", defaultValue = "1m", converter = Durations.class,
            description = "When the rehearsed rollout starts (default: ${DEFAULT-VALUE}).")
    Duration rolloutAt;

    @Option(names = "--patch-time", paramLabel = "DURATION", defaultValue = "1m", converter = Durations.class,
            description = "Simulated time each patch step takes in a rehearsal; no command is run (default: ${DEFAULT-VALUE}).")
    Duration patchTime;

    /** What one step did, for the summary. */
    private record Done(ScheduledStep step, String by, Instant at, Decision decision, int exit) {
    }

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        Output out = root.output();
        if (!(rate > 0 && rate <= 1000)) {
            throw CliFailure.badInput("--rate must be above 0 and at most 1000 new sessions per second.");
        }
        if (duration.isZero() || duration.isNegative() || mean.isZero() || mean.isNegative()) {
            throw CliFailure.badInput("--duration and --mean must be positive.");
        }
        // Simulated time runs some seconds per ten minutes: a longer run would not end in any useful time.
        if (duration.compareTo(LONGEST) > 0 || mean.compareTo(LONGEST) > 0) {
            throw CliFailure.badInput("--duration and --mean must be at most " + Durations.format(LONGEST) + ".");
        }
        Principal operator = root.principal();
        Optional<Rejection> refusal = root.unauthorized(operator);
        if (refusal.isPresent()) {
            out.refused(refusal.get());
            return ExitCode.NOT_AUTHORIZED;
        }
        List<ScheduledStep> steps = steps(root);
        RolloutRehearsal rehearsal = rollout == null ? null : RolloutRehearsal.parse(pool, rollout);
        if (rehearsal != null && rolloutAt.compareTo(duration) >= 0) {
            throw CliFailure.badInput("--rollout-at " + Durations.format(rolloutAt) + " comes after the end of the run"
                    + " (--duration " + Durations.format(duration) + ").");
        }
        RolloutRehearsal.Outcome rehearsed = null;
        ManualClock clock = new ManualClock(Clock.systemUTC().instant().minus(duration));
        Simulation sim;
        List<Done> done = new ArrayList<>();
        Instant start;
        Deployment end;
        try (Quiesce quiesce = Quiesce.open(root.options(root.dataDirectory(), clock).withJournal(root.journal()))) {
            // Never before what is already recorded, so the journal stays in time order.
            latestRecorded(quiesce.status()).ifPresent(clock::advanceTo);
            start = clock.instant();
            sim = new Simulation(quiesce, clock, Principal.of("traffic", root.adminGroup()));
            int prepared = preparePool(sim, operator, out);
            if (prepared != ExitCode.DONE) {
                return prepared;
            }
            Role role = quiesce.rules().catalog().role(firstServer(quiesce.status()).role()).orElseThrow();
            sim.add(new Traffic(pool, TrafficProfile.typical(rate, mean, role), new Random(seed),
                    "sim-" + Long.toString(start.getEpochSecond(), 36) + "-", start));
            ProgressLine progress = new ProgressLine(out.out(), root.environment().interactive() && !out.json());
            Simulation.Watcher watcher = (d, now) -> {
                progress.show(progressText(d, start, now));
                return false;
            };
            int next = 0;
            if (rehearsal != null) {
                for (; next < steps.size() && steps.get(next).offset().compareTo(rolloutAt) <= 0; next++) {
                    sim.run(Duration.between(sim.now(), start.plus(steps.get(next).offset())), watcher);
                    progress.clear();
                    done.add(apply(sim, steps.get(next), start, out));
                }
                sim.run(Duration.between(sim.now(), start.plus(rolloutAt)), watcher);
                progress.clear();
                if (!out.json()) {
                    out.line(Times.offset(rolloutAt) + " rollout " + pool + " " + rehearsal.text());
                }
                int[] cursor = {next};
                Runnable due = () -> {
                    while (cursor[0] < steps.size() && !start.plus(steps.get(cursor[0]).offset()).isAfter(sim.now())) {
                        progress.clear();
                        done.add(apply(sim, steps.get(cursor[0]++), start, out));
                    }
                };
                rehearsed = rehearsal.run(sim, operator, watcher, due, start.plus(duration), patchTime, out, start);
                progress.clear();
                next = cursor[0];
            }
            for (ScheduledStep step : steps.subList(next, steps.size())) {
                sim.run(Duration.between(sim.now(), start.plus(step.offset())), watcher);
                progress.clear();
                done.add(apply(sim, step, start, out));
            }
            sim.run(Duration.between(sim.now(), start.plus(duration)), watcher);
            end = quiesce.status();
            progress.clear();
        }
        // After closing: every interruption has reached the listener that counts them.
        summary(out, sim, start, end, done, root.dataDirectory(), rehearsed);
        if (rehearsed != null && !rehearsed.completed()) {
            return rehearsed.refused() != null ? ExitCode.of(rehearsed.refused().code()) : ExitCode.REFUSED;
        }
        return done.stream().mapToInt(Done::exit).filter(e -> e != ExitCode.DONE).findFirst().orElse(ExitCode.DONE);
    }

    private List<ScheduledStep> steps(QuiesceCommand root) {
        List<ScheduledStep> steps = new ArrayList<>();
        if (script != null) {
            steps.addAll(SimulationScript.fromFile(root.environment().workingDirectory().resolve(script),
                    root.adminGroup()));
        }
        at.forEach(words -> steps.add(SimulationScript.fromWords(words, root)));
        steps.sort(Comparator.comparing(ScheduledStep::offset));
        steps.stream().filter(s -> s.offset().compareTo(duration) > 0).findFirst().ifPresent(s -> {
            throw CliFailure.badInput("step '" + s.text() + "' at " + Durations.format(s.offset())
                    + " comes after the end of the run (--duration " + Durations.format(duration) + ").");
        });
        return steps;
    }

    private int preparePool(Simulation sim, Principal operator, Output out) {
        Deployment d = sim.quiesce().status();
        boolean creating = d.pool(pool).isEmpty();
        if (!creating) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--servers") || noDnsLoadBalancing) {
                throw CliFailure.badInput("pool " + pool + " exists already: --servers and --no-dns-lb only apply to"
                        + " a pool that simulate creates.");
            }
            if (d.pool(pool).get().servers().isEmpty()) {
                throw CliFailure.badInput("pool " + pool + " has no servers: add some with 'quiesce server add'.");
            }
            return ExitCode.DONE;
        }
        List<String> names = servers != null ? servers : DEFAULT_SERVERS;
        List<Command> setup = new ArrayList<>();
        setup.add(new Command.CreatePool(pool, !noDnsLoadBalancing, sim.act(operator, null)));
        names.forEach(s -> setup.add(new Command.AddServer(pool, s, null, sim.act(operator, null))));
        for (Command c : setup) {
            Decision decision = sim.execute(c);
            if (decision instanceof Decision.Rejected r) {
                out.refused(r.rejection());
                return ExitCode.of(r.rejection().code());
            }
        }
        if (!out.json()) {
            out.line("created pool " + pool + " (DNS load balancing " + OnOff.label(!noDnsLoadBalancing) + ") with "
                    + String.join(", ", names));
        }
        return ExitCode.DONE;
    }

    private ServerState firstServer(Deployment d) {
        return d.serversOf(pool).get(0);
    }

    private static Done apply(Simulation sim, ScheduledStep step, Instant start, Output out) {
        Command command = step.command().apply(sim.now());
        Decision decision = sim.execute(command);
        String when = Times.offset(Duration.between(start, sim.now()));
        int exit;
        if (out.json()) {
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
            exit = new DecisionReport(new Output(nowhere, nowhere, false), names(sim)).report(command, decision);
            if (decision instanceof Decision.Rejected r) {
                out.error(when + " " + step.text() + ": refused (" + r.rejection().code() + "): "
                        + r.rejection().message());
            }
        } else {
            out.line(when + " " + step.text());
            exit = new DecisionReport(new Output(out.out(), out.err(), false, "        "), names(sim), true)
                    .report(command, decision);
        }
        return new Done(step, ((Command.Authorized) command).act().by().name(), sim.now(), decision, exit);
    }

    private static ServiceNames names(Simulation sim) {
        return new ServiceNames(sim.quiesce().rules().catalog(), sim.quiesce().status());
    }

    private String progressText(Deployment d, Instant start, Instant now) {
        Duration elapsed = Duration.between(start, now);
        int sessions = d.serversOf(pool).stream().mapToInt(ServerState::sessionCount).sum();
        return ProgressLine.bar((double) elapsed.toMillis() / duration.toMillis()) + " " + Times.elapsed(elapsed)
                + " / " + Durations.format(duration) + "  " + sessions + " sessions on"
                + "  lost " + d.pool(pool).map(PoolState::lostConnections).orElse(0L);
    }

    private void summary(Output out, Simulation sim, Instant start, Deployment end, List<Done> done, Path dir,
                         RolloutRehearsal.Outcome rehearsed) {
        Tally t = sim.tally();
        int active = end.serversOf(pool).stream().mapToInt(ServerState::sessionCount).sum();
        if (out.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("pool", pool);
            json.put("from", start.toString());
            json.put("to", start.plus(duration).toString());
            json.put("seed", seed);
            json.put("started", t.started());
            json.put("ended", t.ended());
            json.put("interrupted", t.interrupted());
            json.put("lost", t.lost());
            json.put("active", active);
            json.put("startedByServer", new LinkedHashMap<String, Object>(t.startedByServer()));
            json.put("steps", done.stream().<Object>map(s -> stepJson(s, start)).toList());
            if (rehearsed != null) {
                json.put("rollout", RolloutRehearsal.json(rehearsed, rollout));
            }
            json.put("dataDirectory", dir.toString());
            out.json(json);
            return;
        }
        out.line("simulated " + Durations.format(duration) + " of pool " + pool + " (seed " + seed + "): "
                + t.started() + " sessions started, " + t.ended() + " ended, " + t.interrupted() + " interrupted, "
                + t.lost() + " lost; " + active + " still on.");
        if (rehearsed != null) {
            out.line(RolloutRehearsal.line(rehearsed));
        }
        out.line("  new sessions by server: " + String.join(", ", t.startedByServer().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList()));
        out.line("recorded in " + dir + ", from " + Times.format(start) + " to " + Times.format(start.plus(duration))
                + ": see 'quiesce status'.");
    }

    private static Map<String, Object> stepJson(Done s, Instant start) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", s.at().toString());
        m.put("offset", Durations.format(Duration.between(start, s.at())));
        m.put("command", s.step().text());
        m.put("by", s.by());
        m.put("exit", s.exit());
        m.put("refused", s.decision() instanceof Decision.Rejected r ? DecisionJson.rejection(r.rejection()) : null);
        m.put("warnings", DecisionJson.warnings(s.decision().warnings()));
        return m;
    }

    /** The latest time the directory records, so the simulated run starts no earlier. */
    static Optional<Instant> latestRecorded(Deployment d) {
        return d.servers().values().stream()
                .flatMap(s -> s.services().values().stream())
                .flatMap(svc -> Stream.concat(Stream.ofNullable(svc.since()),
                        svc.sessions().values().stream().map(Session::startedAt)))
                .max(Instant::compareTo);
    }
}
