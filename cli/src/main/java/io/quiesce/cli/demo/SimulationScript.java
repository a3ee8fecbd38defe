package io.quiesce.cli.demo;


import io.quiesce.auth.Principal;
import io.quiesce.cli.ChangeCommand;
import io.quiesce.cli.CliFailure;
import io.quiesce.cli.Durations;
import io.quiesce.cli.QuiesceCli;
import io.quiesce.cli.QuiesceCommand;
import io.quiesce.cli.Tokens;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.formats.history.CommandCodec;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.history.HistoryException;
import io.quiesce.history.HistoryLine;
import io.quiesce.rules.PauseDeadline;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The maintenance script of a simulation, from {@code --at "10s pause fe01"} options and from a
 * file of docs/behaviour.md command lines. Everything is read before the run starts: a malformed step
 * stops the run before anything is recorded.
 */
final class SimulationScript {
    /** Fields of a command line that the step's text leaves out, or shows without their name. */
    private static final Set<String> UNSHOWN = Set.of("at", "command", "as", "groups", "reason");
    private static final Set<String> POSITIONAL = Set.of("pool", "server", "session", "type");

    private SimulationScript() {
    }

    /** {@code OFFSET COMMAND...}: a command of this command line that changes something, after OFFSET. */
    static ScheduledStep fromWords(List<String> words, QuiesceCommand invocation) {
        List<String> all = words.size() == 1 ? Tokens.split(words.get(0)) : words;
        String text = String.join(" ", all);
        if (all.size() < 2) {
            throw CliFailure.badInput("--at needs a time and a command, as in --at \"10s pause fe01\", not: " + text);
        }
        Duration offset;
        try {
            offset = Durations.parse(all.get(0));
        } catch (CommandLine.TypeConversionException e) {
            throw CliFailure.badInput("--at " + text + ": " + e.getMessage() + ".");
        }
        QuiesceCommand root = invocation.forStep();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        List<CommandLine> parsed;
        try {
            parsed = QuiesceCli.commandLine(root, quiet, quiet).parseArgs(all.subList(1, all.size())
                    .toArray(String[]::new)).asCommandLineList();
        } catch (ParameterException e) {
            throw CliFailure.badInput("--at " + text + ": " + e.getMessage());
        }
        if (!(parsed.get(parsed.size() - 1).getCommand() instanceof ChangeCommand change)) {
            throw CliFailure.badInput("--at " + text + ": a step must change something (pause, resume, startup,"
                    + " stop, start, restart, connect, end, pool, server).");
        }
        Principal principal = root.principal();
        return new ScheduledStep(offset, String.join(" ", all.subList(1, all.size())),
                at -> change.commandBy(principal, at));
    }

    /**
     * A scenario in the history format, command lines only, read as replay reads it. Its times
     * count from its first line, which runs at the start of the simulation.
     */
    static List<ScheduledStep> fromFile(Path file, String adminGroup) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (CharacterCodingException e) {
            throw CliFailure.badInput(file + ": not UTF-8 text.");
        } catch (IOException e) {
            throw CliFailure.badInput(file + ": cannot read it (" + e.getMessage() + ").");
        }
        List<HistoryLine.CommandLine> commands = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            HistoryLine line;
            try {
                line = HistoryReader.parse(lines.get(i), i + 1, file.toString(), adminGroup);
            } catch (HistoryException e) {
                throw CliFailure.badInput(e.getMessage() + ".");
            }
            if (!(line instanceof HistoryLine.CommandLine command)) {
                throw CliFailure.badInput(file + ":" + (i + 1) + ": an event line; simulate runs command lines"
                        + " only (replay reads events).");
            }
            if (command.command() instanceof Command.Pause p && PauseDeadline.refusal(p.deadline()) != null) {
                throw CliFailure.badInput(file + ":" + (i + 1) + ": " + PauseDeadline.refusal(p.deadline()).message());
            }
            commands.add(command);
        }
        Instant first = commands.stream().map(HistoryLine::at).min(Instant::compareTo).orElse(Instant.EPOCH);
        return commands.stream().map(c -> new ScheduledStep(Duration.between(first, c.at()), describe(c.command()),
                at -> retimed(c, at, adminGroup))).toList();
    }

    /** The same command, decided at {@code at}: written as a line and read back with the new time. */
    private static Command retimed(HistoryLine.CommandLine line, Instant at, String adminGroup) {
        Map<String, Object> fields = CommandCodec.encode(line.command());
        fields.put("at", at.toString());
        return CommandCodec.decode(fields, adminGroup, line.number());
    }

    /** A command line as the command line would say it: {@code pause fe01 --service RTCSRV --force}. */
    private static String describe(Command command) {
        Map<String, Object> fields = CommandCodec.encode(command);
        StringBuilder b = new StringBuilder((String) fields.get("command"));
        fields.forEach((key, value) -> {
            if (UNSHOWN.contains(key) || Boolean.FALSE.equals(value)) {
                return;
            }
            if (POSITIONAL.contains(key)) {
                b.append(' ').append(value);
            } else if (Boolean.TRUE.equals(value)) {
                b.append(" --").append(key);
            } else {
                b.append(" --").append(key).append(' ').append(value);
            }
        });
        return b.toString();
    }
}
