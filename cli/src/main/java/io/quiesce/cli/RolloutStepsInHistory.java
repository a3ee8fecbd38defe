package io.quiesce.cli;

import io.quiesce.formats.json.JsonException;
import io.quiesce.formats.json.JsonText;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rollout steps of a history file, for {@code replay}: a history file holds the server events
 * only, and each event a rollout caused carries the reason {@code rollout N of POOL: TEXT}, so the
 * steps are read back from those reasons, one row per step of a server (its services together).
 */
final class RolloutStepsInHistory {
    private static final Pattern REASON = Pattern.compile("^(rollout \\d+ of \\S+?)(?:: .*)?$");

    private RolloutStepsInHistory() {
    }

    /** One step of one server: when it began, which rollout, the server, the step and how many services. */
    private static final class Step {
        final String at;
        final String rollout;
        final String server;
        final String step;
        int services = 1;

        Step(String at, String rollout, String server, String step) {
            this.at = at;
            this.rollout = rollout;
            this.server = server;
            this.step = step;
        }

        String[] cells() {
            return new String[] {at, rollout, server, step + " (" + Words.count(services, "service") + ")"};
        }
    }

    /**
     * The rows, oldest first, up to {@code until} (null: all); none when no rollout is in the file (or
     * it cannot be read again).
     */
    static List<String[]> rows(Path file, Instant until) {
        List<Step> steps = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                // Only lines that may carry a rollout's reason are parsed a second time.
                if (line.contains("rollout ") && line.contains("reason")) {
                    step(line, until).ifPresent(s -> {
                        Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
                        if (last != null && last.rollout.equals(s.rollout) && last.server.equals(s.server)
                                && last.step.equals(s.step)) {
                            last.services++;
                        } else {
                            steps.add(s);
                        }
                    });
                }
            }
        } catch (IOException | RuntimeException e) {
            // The replay itself read the file; a second reading that fails only leaves this section out.
            return List.of();
        }
        return steps.stream().map(Step::cells).toList();
    }

    private static Optional<Step> step(String line, Instant until) {
        Object json;
        try {
            json = JsonText.parse(line);
        } catch (JsonException e) {
            return Optional.empty();
        }
        if (!(json instanceof Map<?, ?> m) || !(m.get("reason") instanceof String reason)
                || !(m.get("server") instanceof String server)) {
            return Optional.empty();
        }
        Matcher rollout = REASON.matcher(reason);
        if (!rollout.matches()) {
            return Optional.empty();
        }
        // A command line names its command (and a startup's type in "type"); an event line its type.
        boolean command = m.get("command") instanceof String;
        String kind = String.valueOf(command ? m.get("command") : m.get("type"));
        String step = switch (kind) {
            case "StartupTypeChanged", "startup" -> "MANUAL".equalsIgnoreCase(String.valueOf(m.get(command ? "type"
                    : "to"))) ? "set startup manual" : "restore startup type";
            case "ServicePaused", "pause" -> "pause";
            case "ServiceStopped", "stop" -> "stop";
            case "ServiceStarted", "start" -> "start";
            case "ServiceResumed", "resume" -> "resume";
            default -> kind;
        };
        Instant at;
        try {
            at = Instant.parse(String.valueOf(m.get("at")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        if (until != null && at.isAfter(until)) {
            return Optional.empty();
        }
        return Optional.of(new Step(Times.format(at), rollout.group(1), server, step));
    }
}
