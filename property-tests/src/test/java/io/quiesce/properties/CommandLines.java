package io.quiesce.properties;

import io.quiesce.auth.Authorization;
import io.quiesce.command.Command;
import io.quiesce.formats.history.CommandCodec;
import io.quiesce.history.HistoryLine;
import io.quiesce.formats.history.HistoryReader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequences as docs/behaviour.md command lines, through core's history codec, so that what is written is
 * what {@code quiesce replay} reads. Time is carried by each line's {@code at}: a wait becomes
 * the gap before the next line, and a restart of the process has no line.
 */
final class CommandLines {
    private CommandLines() {
    }

    /** The sequence's requests, each stamped with the time the model clock gives it. */
    static String write(List<Step> steps) {
        StringBuilder out = new StringBuilder();
        Instant at = ModelRun.START;
        for (Step step : steps) {
            if (step instanceof Step.Wait w) {
                at = at.plus(w.duration());
            } else if (step instanceof Step.Send s) {
                out.append(line(s.command(at))).append('\n');
            }
        }
        return out.toString();
    }

    static String line(Command command) {
        return CommandCodec.line(command);
    }

    /** Reads command lines back into a sequence; waits come from the gaps between lines. */
    static List<Step> read(String text, String source) {
        List<Step> steps = new ArrayList<>();
        Instant previous = null;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            HistoryLine line = HistoryReader.parse(lines[i], i + 1, source, Authorization.DEFAULT_ADMIN_GROUP);
            if (!(line instanceof HistoryLine.CommandLine c) || !(c.command() instanceof Command.Authorized a)) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": a sequence is made of command lines");
            }
            if (previous != null && a.at().isBefore(previous)) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": lines must be oldest first");
            }
            if (previous != null && a.at().isAfter(previous)) {
                steps.add(new Step.Wait(Duration.between(previous, a.at())));
            }
            previous = a.at();
            steps.add(new Step.Send(a.act().by(), a.act().reason(), Request.of(a)));
        }
        return steps;
    }
}
