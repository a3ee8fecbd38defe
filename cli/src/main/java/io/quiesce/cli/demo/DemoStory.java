package io.quiesce.cli.demo;


import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.cli.DecisionReport;
import io.quiesce.cli.Durations;
import io.quiesce.cli.Output;
import io.quiesce.cli.ServiceNames;
import io.quiesce.cli.StatusReport;
import io.quiesce.cli.Times;
import io.quiesce.cli.Words;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Plan;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the demo shows, step by step. Each operator step is printed as the command line that does
 * it, followed by what the library answered; simulated users keep connecting and hanging up in
 * between. On a terminal the story runs at a watchable pace; elsewhere it runs flat out.
 */
final class DemoStory {
    private static final List<String> POOL1 = List.of("fe01", "fe02", "fe03");
    private static final List<String> POOL2 = List.of("fe04", "fe05", "fe06");
    private static final Duration MEAN_LENGTH = Duration.ofMinutes(1);
    /** Real time per simulated second on a terminal: drains are worth watching, the rest less so. */
    private static final long DRAIN_PACE_MILLIS = 20;
    private static final long TRAFFIC_PACE_MILLIS = 4;
    private static final Duration LONGEST_DRAIN = Duration.ofMinutes(30);

    private final Simulation sim;
    private final Principal operator;
    private final PrintStream out;
    private final boolean interactive;
    private final Path directory;
    private final Instant start;
    private final ProgressLine live;

    DemoStory(Simulation sim, Principal operator, PrintStream out, boolean interactive, Path directory) {
        this.sim = sim;
        this.operator = operator;
        this.out = out;
        this.interactive = interactive;
        this.directory = directory;
        this.start = sim.now();
        this.live = new ProgressLine(out, interactive);
    }

    void tell() {
        out.println("Quiesce demo: taking Lync Server 2013 Front End servers out of a pool without dropping a call.");
        out.println("Simulated users connect all along (about one new session a second, a minute long on average),");
        out.println("in simulated time: minutes pass in seconds. Data directory: " + directory);
        setUpPool1();
        pauseAndDrain();
        restartKeptOut();
        theTrap();
        withoutDnsLoadBalancing();
        theEnd();
    }

    private void setUpPool1() {
        heading("Pool pool1 uses DNS load balancing; its three Front End servers run 9 Windows services each.");
        act("pool create pool1", a -> new Command.CreatePool("pool1", true, a), false);
        POOL1.forEach(s -> act("server add pool1 " + s, a -> new Command.AddServer("pool1", s, null, a), false));
        sim.add(new Traffic("pool1", TrafficProfile.typical(1.0, MEAN_LENGTH,
                sim.quiesce().rules().catalog().role(sim.quiesce().rules().catalog().defaultRole()).orElseThrow()),
                new Random(2013), "u", sim.now()));
        elapse(Duration.ofMinutes(2), POOL1);
        note("Users are on: " + sessions(POOL1) + ".");
    }

    private void pauseAndDrain() {
        heading("1. Pause fe01: it takes no new connection; its users stay on until they hang up.");
        act("pause fe01 --reason \"monthly patches\"",
                a -> new Command.Pause("fe01", null, null, false, withReason(a, "monthly patches")), true);
        sim.tally().takeWindow();
        drain("fe01");
        say("New sessions meanwhile: " + window(POOL1) + ".");
    }

    private void restartKeptOut() {
        heading("2. Keep fe01 out across its reboot: startup type manual, then restart it.");
        act("startup fe01 manual", a -> new Command.SetStartup("fe01", null, StartupType.MANUAL, a), true);
        act("restart fe01", a -> new Command.Restart("fe01", false, a), true);
        say("fe01 stays offline after the restart: no user can land on it while it is patched.");

        heading("3. Patched: start fe01, resume it, and set its startup type back to automatic.");
        act("start fe01", a -> new Command.Start("fe01", null, a), true);
        act("resume fe01", a -> new Command.Resume("fe01", null, a), true);
        say("(Nothing to resume: a started service runs. Commands say so and change nothing.)");
        act("startup fe01 automatic", a -> new Command.SetStartup("fe01", null, StartupType.AUTOMATIC, a), true);
        sim.tally().takeWindow();
        elapse(Duration.ofMinutes(1), POOL1);
        note("New sessions in the last minute: " + window(POOL1) + ": fe01 is back in the pool.");
    }

    private void theTrap() {
        heading("4. The trap: pause fe02 but leave its startup type automatic, let it drain, restart it.");
        act("pause fe02", a -> new Command.Pause("fe02", null, null, false, a), true);
        drain("fe02");
        out.println("  $ quiesce plan fe02");
        Plan.Preview restart = sim.quiesce().plan(Target.server("fe02")).restart();
        new Output(out, out, false, "    ").line("restart: " + (restart.allowedNow() ? "allowed now" : "refused now"));
        new Output(out, out, false, "    ").warnings(restart.warnings());
        act("restart fe02", a -> new Command.Restart("fe02", false, a), true);
        sim.tally().takeWindow();
        elapse(Duration.ofMinutes(1), POOL1);
        note("New sessions in the last minute: " + window(POOL1) + ".");
        say("fe02 takes calls again although nobody resumed it: a pause does not survive a restart.");
        say("The library warned before (plan, restart) and recorded 'pause cleared by restart' after.");
        say("To keep a paused server out, set its startup type to manual before restarting it (step 2).");
    }

    private void withoutDnsLoadBalancing() {
        heading("5. Pool pool2 has no DNS load balancing: Attendant, Response Group, Call Park... are not re-routed.");
        act("pool create pool2 --no-dns-lb", a -> new Command.CreatePool("pool2", false, a), false);
        POOL2.forEach(s -> act("server add pool2 " + s, a -> new Command.AddServer("pool2", s, null, a), false));
        // A pool where Call Park is busy, to show what happens to it.
        sim.add(new Traffic("pool2", new TrafficProfile(1.0, MEAN_LENGTH,
                Map.of("calls", 40, "im", 20, "call-park", 30, "response-group", 10)), new Random(2016), "v",
                sim.now()));
        elapse(Duration.ofMinutes(2), POOL2);
        act("pause fe04", a -> new Command.Pause("fe04", null, null, false, a), true);
        sim.tally().takeWindow();
        elapse(Duration.ofMinutes(2), POOL2);
        note("New Call Park sessions in the last 2 minutes: " + POOL2.stream()
                .map(s -> s + " " + sim.tally().inWindow(s, "call-park")).collect(Collectors.joining(", "))
                + ": fe04 is paused, yet Call Park keeps landing on it.");
        act("stop fe04 --service RTCCPS", a -> new Command.Stop("fe04", "RTCCPS", false, a), true);
        act("stop fe04 --service RTCCPS --force", a -> new Command.Stop("fe04", "RTCCPS", true, a), true);
        say("Without DNS load balancing, taking Call Park offline cuts its calls. The fix is in the pool:");
        say("'quiesce pool set pool2 --dns-lb on'.");
    }

    private void theEnd() {
        heading("Status after " + Durations.format(Duration.between(start, sim.now())) + " of simulated time:");
        Deployment d = sim.quiesce().status();
        new StatusReport(new ServiceNames(sim.quiesce().rules().catalog(), d))
                .lines(StatusReport.Selection.all()).forEach(out::println);
        out.println();
        out.println("Everything above is recorded in " + directory + ". Look around:");
        out.println("  ./quiesce status --data " + directory);
        out.println("  ./quiesce plan fe04 --data " + directory);
    }

    // ---- telling

    private void heading(String text) {
        out.println();
        out.println(text);
    }

    private void say(String text) {
        out.println("  " + text);
    }

    private void note(String text) {
        out.println(Times.offset(Duration.between(start, sim.now())) + " " + text);
    }

    /** Shows the command line, has the library decide it, and shows the answer if asked (a refusal always). */
    private void act(String commandLine, Function<Act, Command> command, boolean showAnswer) {
        out.println("  $ quiesce " + commandLine);
        Command c = command.apply(sim.act(operator, null));
        Decision decision = sim.execute(c);
        if (showAnswer || decision instanceof Decision.Rejected) {
            new DecisionReport(new Output(out, out, false, "    "),
                    new ServiceNames(sim.quiesce().rules().catalog(), sim.quiesce().status()), true)
                    .report(c, decision);
        }
    }

    private static Act withReason(Act a, String reason) {
        return new Act(a.by(), a.at(), reason);
    }

    private void elapse(Duration span, List<String> shown) {
        sim.run(span, (d, now) -> {
            live.show(Times.offset(Duration.between(start, now)) + " " + sessions(d, shown));
            pace(TRAFFIC_PACE_MILLIS);
            return false;
        });
        live.clear();
    }

    private void drain(String server) {
        int before = sim.quiesce().status().server(server).orElseThrow().sessionCount();
        Instant from = sim.now();
        sim.run(LONGEST_DRAIN, (d, now) -> {
            ServerState s = d.server(server).orElseThrow();
            String line = "    " + server + " " + ProgressLine.bar(before == 0 ? 1 : 1 - (double) s.sessionCount()
                    / before) + " " + s.sessionCount() + " of " + before + " sessions left "
                    + Times.offset(Duration.between(start, now));
            live.show(line);
            // Away from a terminal nothing is redrawn: a line a simulated minute shows the drain instead.
            if (!interactive && Duration.between(from, now).toSeconds() % 60 == 0) {
                out.println(line);
            }
            pace(DRAIN_PACE_MILLIS);
            return s.status() == ServiceStatus.DRAINED;
        });
        live.clear();
        ServerState s = sim.quiesce().status().server(server).orElseThrow();
        if (s.status() == ServiceStatus.DRAINED) {
            note(server + " is drained after " + Durations.format(Duration.between(from, sim.now())) + ": its "
                    + Words.count(before, "session") + " ended on their own, none was interrupted.");
        } else {
            note(server + " still has " + s.sessionCount() + " sessions after " + Durations.format(LONGEST_DRAIN) + ".");
        }
    }

    private void pace(long millis) {
        if (interactive) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String sessions(List<String> servers) {
        return sessions(sim.quiesce().status(), servers);
    }

    private static String sessions(Deployment d, List<String> servers) {
        return servers.stream().map(s -> {
            ServerState state = d.server(s).orElseThrow();
            return s + " " + state.sessionCount() + (state.status() == ServiceStatus.RUNNING ? ""
                    : " (" + state.status().label() + ")");
        }).collect(Collectors.joining(", "));
    }

    private String window(List<String> servers) {
        Map<String, Integer> window = sim.tally().takeWindow();
        return servers.stream().map(s -> s + " " + window.getOrDefault(s, 0)).collect(Collectors.joining(", "));
    }
}
