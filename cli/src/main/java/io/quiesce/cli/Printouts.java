package io.quiesce.cli;

import io.quiesce.cli.client.Printout;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.Quiesce;
import io.quiesce.catalog.Catalog;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rollout.RolloutEvent;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * What a command-line call prints, made for a server to send back: the same commands and
 * renderers as a direct call, writing into memory instead of the terminal. The one door from the
 * server into the command line's renderers.
 */
public final class Printouts {
    private Printouts() {
    }

    /**
     * A printout, and the code and message of its refusal (both null when it was done).
     */
    public record Answer(Printout printout, String code, String message) {
        public boolean done() {
            return printout.exit() == ExitCode.DONE;
        }
    }

    /** {@code status [NAME] [--json]}. */
    public static Answer status(Quiesce quiesce, String name, boolean json) {
        StatusCommand status = new StatusCommand();
        status.name = name;
        return capture(json, out -> status.read(quiesce, out));
    }

    /** {@code status [NAME] [--json]} of a deployment put together from several pools (cluster mode). */
    public static Answer status(io.quiesce.rules.Deployment deployment, io.quiesce.catalog.Catalog catalog,
                                String name, boolean json) {
        StatusCommand status = new StatusCommand();
        status.name = name;
        return capture(json, out -> status.show(deployment, catalog, out));
    }

    /** {@code plan SERVER [--json]}. */
    public static Answer plan(Quiesce quiesce, String server, boolean json) {
        PlanCommand plan = new PlanCommand();
        plan.server = server;
        return capture(json, out -> plan.read(quiesce, out));
    }

    /** {@code history [--server SERVER] [--json]} over the given events, with the rollout steps given by pool. */
    public static Answer history(Map<String, List<RolloutEvent>> rollouts, List<Event> events, String server,
                                 boolean json) {
        HistoryCommand history = new HistoryCommand();
        history.server = server;
        return capture(json, out -> history.show(events, out, RolloutHistoryRows.of(rollouts, server)));
    }

    /** The rollout steps of every pool {@code quiesce} holds, by pool. */
    public static Map<String, List<RolloutEvent>> rolloutsOf(Quiesce quiesce) {
        Map<String, List<RolloutEvent>> byPool = new java.util.LinkedHashMap<>();
        quiesce.status().pools().keySet().forEach(pool -> byPool.put(pool, quiesce.rollouts().history(pool)));
        return byPool;
    }

    /** What the command line prints for a command the library has decided. */
    public static Answer decided(Catalog catalog, Deployment status, Command command, Decision decision,
                                 boolean json) {
        return capture(json, out -> new DecisionReport(out, new ServiceNames(catalog, status)).report(command,
                decision));
    }

    /** A refusal of the rules' kind made before asking them (no pool has the server), printed as the command line does. */
    public static Answer refused(io.quiesce.rules.Rejection rejection) {
        return capture(false, out -> {
            out.refused(rejection);
            return ExitCode.of(rejection.code());
        });
    }

    /** A refusal made before anything was decided (a malformed command line), printed as the command line does. */
    public static Answer badInput(String message) {
        return new Answer(new Printout(ExitCode.BAD_INPUT, "", "error: " + message + "\n"), "BAD_INPUT", message);
    }

    /** One line for the server's log: time, type, where, who, and the rest, as {@code history} shows it. */
    public static String logLine(Event event) {
        return Arrays.stream(HistoryCommand.row(event)).filter(s -> !s.isEmpty()).collect(Collectors.joining("  "));
    }

    static Answer capture(boolean json, ToIntFunction<Output> call) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Output out = new Output(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), json);
        int exit;
        try {
            exit = call.applyAsInt(out);
        } catch (CliFailure f) {
            out.error("error: " + f.getMessage());
            return new Answer(new Printout(f.exitCode(), stdout.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8)), "BAD_INPUT", f.getMessage());
        }
        return new Answer(new Printout(exit, stdout.toString(StandardCharsets.UTF_8),
                stderr.toString(StandardCharsets.UTF_8)), out.refusalCode(), out.refusalMessage());
    }
}
