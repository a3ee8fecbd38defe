package io.quiesce.cli;

import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.Quiesce;
import io.quiesce.event.Event;
import io.quiesce.event.EventTypes;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.formats.history.RolloutEventCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code history [--server SERVER] [--json | --export FILE]}: every recorded event, oldest first. */
@Command(name = "history", description = "Show every recorded event, oldest first, or export them for replay.")
final class HistoryCommand extends ReadCommand {
    private static final Set<String> SHOWN_APART = Set.of("at", "type", "pool", "server", "service", "by", "reason");

    @Option(names = "--server", paramLabel = "SERVER", description = "Only the events of this server.")
    String server;

    @Option(names = "--export", paramLabel = "FILE",
            description = "Write the whole history as JSON Lines, which replay reads.")
    Path export;

    @Override
    int read(Quiesce quiesce, Output out) {
        checkExport(out);
        List<Event> events = quiesce.history();
        if (export != null) {
            return write(events.stream().map(EventCodec::line).toList(), out);
        }
        return show(events, out, RolloutHistoryRows.of(quiesce, server));
    }

    @Override
    int readFrom(QuiesceClient quiesce, Output out) {
        checkExport(out);
        if (export != null) {
            return write(quiesce.historyLines(), out);
        }
        return out.print(quiesce.read("/v1/history", server == null ? Map.of() : Map.of("server", server), out.json()));
    }

    private void checkExport(Output out) {
        if (export != null && (server != null || out.json())) {
            throw CliFailure.badInput("--export writes the whole history, so that it can be replayed: leave out"
                    + " --server and --json.");
        }
    }

    /** Prints the events (of {@code --server} only, when given), as a table or as JSON. */
    int show(List<Event> events, Output out) {
        return show(events, out, List.of());
    }

    /** The same, with the rollouts' own steps among the events in the table (and apart in JSON). */
    int show(List<Event> events, Output out, List<RolloutHistoryRows.Row> rolloutRows) {
        List<Event> shown = server == null ? events : events.stream().filter(this::concernsServer).toList();
        if (out.json()) {
            Map<String, Object> json = new java.util.LinkedHashMap<>(EventCodec.history(shown));
            if (!rolloutRows.isEmpty()) {
                json.put("rollouts", RolloutEventCodec.encode(rolloutRows.stream().map(RolloutHistoryRows.Row::event)
                        .toList()));
            }
            out.json(json);
        } else {
            Table table = new Table();
            List<RolloutHistoryRows.Row> rollout = new java.util.ArrayList<>(rolloutRows);
            for (Event e : shown) {
                while (!rollout.isEmpty() && !rollout.get(0).at().isAfter(e.at())) {
                    table.row(rollout.remove(0).cells());
                }
                table.row(row(e));
            }
            rollout.forEach(r -> table.row(r.cells()));
            out.lines(table.lines(""));
            if (shown.isEmpty() && rollout.isEmpty()) {
                out.line(server == null ? "Nothing recorded yet." : "Nothing recorded for " + server + ".");
            }
        }
        return ExitCode.DONE;
    }

    /** Writes the history lines into the --export file: always on the caller's machine, even through a server. */
    private int write(List<String> lines, Output out) {
        Path file = QuiesceCommand.of(spec).environment().workingDirectory().resolve(export);
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                writer.write(line);
                writer.newLine();
            }
        } catch (IOException e) {
            throw CliFailure.badInput("cannot write " + file + ": " + e.getMessage());
        }
        if (!out.json()) {
            out.line("Wrote " + lines.size() + " events to " + file + ".");
        }
        return ExitCode.DONE;
    }

    private boolean concernsServer(Event e) {
        return EventCodec.encode(e).get("server") instanceof String named && io.quiesce.text.Names.same(server, named);
    }

    /** Time, type, where, who, and what else the event says. */
    static String[] row(Event e) {
        Map<String, Object> fields = EventCodec.encode(e);
        StringBuilder where = new StringBuilder();
        for (String key : List.of("pool", "server", "service")) {
            if (fields.get(key) != null && !(key.equals("pool") && fields.containsKey("server"))) {
                where.append(where.length() == 0 ? "" : " / ").append(fields.get(key));
            }
        }
        StringBuilder details = new StringBuilder();
        fields.forEach((key, value) -> {
            if (!SHOWN_APART.contains(key)) {
                details.append(details.length() == 0 ? "" : ", ").append(key).append('=').append(value);
            }
        });
        if (fields.get("reason") != null) {
            details.append(details.length() == 0 ? "" : ", ").append("reason: ").append(fields.get("reason"));
        }
        return new String[] {Times.format(e.at()), EventTypes.nameOf(e), where.toString(),
                fields.get("by") == null ? "" : "by " + fields.get("by"), details.toString()};
    }
}
