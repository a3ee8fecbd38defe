package io.quiesce.cli;

import io.quiesce.auth.Authorization;
import io.quiesce.history.Finding;
import io.quiesce.history.FindingCode;
import io.quiesce.history.HistoryException;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.formats.history.HtmlReport;
import io.quiesce.history.Replay;
import io.quiesce.formats.history.ReadAhead;
import io.quiesce.formats.history.ReplayJson;
import io.quiesce.history.ReplayResult;
import io.quiesce.history.Timeline;
import io.quiesce.history.WhatIf;
import io.quiesce.rules.Rules;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.InterruptionCause;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code replay FILE [--at TIME] [--what-if KEY=VALUE ...] [--json] [--report FILE]}: rebuilds
 * everything from a history file with the same rules as live, and says what happened. It reads
 * only the file: no data directory is opened.
 */
@Command(name = "replay", description = "Replay a history file: timeline, lost calls, findings, what-if.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "History file (JSON Lines of events or commands).")
    Path file;

    @Option(names = "--at", paramLabel = "TIME", description = "Show the state at this instant (ISO-8601).")
    String at;

    @Option(names = "--what-if", paramLabel = "KEY=VALUE",
            description = "Decide the same commands again under a changed setting: startup.SERVER[.SERVICE]="
                    + "automatic|manual|disabled, dnsLoadBalancing.POOL=on|off. Repeatable.")
    List<String> whatIf = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
    Path report;

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        Output out = root.output();
        Path history = root.environment().workingDirectory().resolve(file);
        Instant stopAt = parseAt();
        WhatIf changed = parseWhatIf();
        Rules rules = new Rules(root.catalog(), new Authorization(root.adminGroup()));
        RolloutStepsInHistory rolloutSteps = new RolloutStepsInHistory(stopAt);
        ReplayResult result = replay(rules, history, stopAt, null, rolloutSteps);
        if (changed != null) {
            try {
                changed.check(result.state(), rules.catalog());
            } catch (IllegalArgumentException e) {
                throw CliFailure.badInput(e.getMessage());
            }
        }
        ReplayResult alternative = changed == null ? null
                : replay(rules, history, stopAt, changed, new RolloutStepsInHistory(stopAt));
        if (report != null) {
            Path html = root.environment().workingDirectory().resolve(report);
            try {
                Files.writeString(html, HtmlReport.render(result, file.getFileName().toString()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliFailure.badInput("cannot write the report " + html + ": " + e.getMessage());
            }
        }
        if (out.json()) {
            Map<String, Object> json = alternative == null ? ReplayJson.of(result, rules.catalog())
                    : ReplayJson.of(result, alternative, Replay.describe(changed), rules.catalog());
            List<Map<String, Object>> steps = rolloutSteps.json();
            if (!steps.isEmpty()) {
                json.put("rolloutSteps", steps);
            }
            out.json(json);
        } else {
            print(out, result, rules, rolloutSteps.rows());
            if (alternative != null) {
                compare(out, result, alternative, changed);
                endingDifferently(out, result, alternative, rules);
            }
            if (report != null) {
                out.line("");
                out.line("Report written to " + root.environment().workingDirectory().resolve(report) + ".");
            }
        }
        return ExitCode.DONE;
    }

    private ReplayResult replay(Rules rules, Path history, Instant stopAt, WhatIf changed,
                                RolloutStepsInHistory rolloutSteps) {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(history);
             ReadAhead lines = new ReadAhead(rolloutSteps.seeing(
                     HistoryReader.ofUtf8(in, source, rules.authorization().adminGroup())))) {
            Replay replay = new Replay(rules);
            return changed == null ? replay.run(lines, source, stopAt) : replay.whatIf(lines, source, stopAt, changed);
        } catch (NoSuchFileException e) {
            throw CliFailure.badInput("cannot read " + source + ": no such file.");
        } catch (IOException | UncheckedIOException e) {
            throw CliFailure.badInput("cannot read " + source + ": " + e.getMessage());
        } catch (HistoryException e) {
            throw CliFailure.badInput(e.getMessage());
        }
    }

    private Instant parseAt() {
        if (at == null) {
            return null;
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw CliFailure.badInput("--at " + at + " is not an ISO-8601 instant such as 2026-11-26T22:10:00Z.");
        }
    }

    private WhatIf parseWhatIf() {
        if (whatIf.isEmpty()) {
            return null;
        }
        try {
            return WhatIf.parse(whatIf);
        } catch (IllegalArgumentException e) {
            throw CliFailure.badInput(e.getMessage());
        }
    }

    private void print(Output out, ReplayResult r, Rules rules, List<String[]> rolloutSteps) {
        Timeline t = r.timeline();
        out.line("Replayed " + r.lines() + " lines of " + file + (t.first() == null ? "."
                : ", " + Times.format(t.first()) + " to " + Times.format(t.last()) + "."));
        section(out, "State changes", changes(t));
        if (!rolloutSteps.isEmpty()) {
            section(out, "Rollout steps: " + rolloutSteps.size(), rolloutSteps);
        }
        section(out, "Sessions interrupted: " + r.interrupted(), interruptions(t));
        section(out, "Connections lost: " + r.lostConnections(), t.lostConnections().stream()
                .map(l -> new String[] {Times.format(l.at()), l.session() + " (" + l.feature() + ")",
                        "no server of " + l.pool() + " took it"}).toList());
        section(out, "Refused command lines: " + r.refusals().size(), r.refusals().stream()
                .map(x -> new String[] {"line " + x.line(), x.command(), "refused (" + x.rejection().code() + "): "
                        + x.rejection().message()}).toList());
        section(out, "Findings: " + r.findings().size(), findings(r.findings()));
        out.line("");
        out.line(at == null ? "Final state:" : "State at " + at + ":");
        new StatusReport(new ServiceNames(rules.catalog(), r.state())).print(out, StatusReport.Selection.all());
    }

    private static void section(Output out, String title, List<String[]> rows) {
        out.line("");
        out.line(title);
        Table table = new Table();
        rows.forEach(table::row);
        out.lines(table.lines("  "));
    }

    /** Each state change, with the services of one server that changed alike at once on one line. */
    private static List<String[]> changes(Timeline t) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        Map<String, String[]> heads = new LinkedHashMap<>();
        List<String[]> all = new ArrayList<>();
        for (Timeline.Lane lane : t.lanes()) {
            List<Timeline.Interval> intervals = lane.intervals();
            for (int i = 1; i < intervals.size(); i++) {
                Timeline.Interval from = intervals.get(i - 1);
                Timeline.Interval to = intervals.get(i);
                all.add(new String[] {Times.format(to.from()), lane.server(), from.status() + " -> " + to.status(),
                        lane.service()});
            }
        }
        all.sort((a, b) -> (a[0] + a[1]).compareTo(b[0] + b[1]));
        for (String[] c : all) {
            String key = c[0] + "\u0000" + c[1] + "\u0000" + c[2];
            heads.putIfAbsent(key, c);
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(c[3].replace("Lync Server ", ""));
        }
        List<String[]> rows = new ArrayList<>();
        grouped.forEach((key, services) -> {
            String[] c = heads.get(key);
            rows.add(new String[] {c[0], c[1], services.size() > 3 ? services.size() + " services"
                    : String.join(", ", services), c[2]});
        });
        return rows;
    }

    private static List<String[]> interruptions(Timeline t) {
        List<String[]> rows = new ArrayList<>();
        for (Timeline.Interruption i : t.interruptions()) {
            rows.add(new String[] {Times.format(i.at()), i.label() + (i.feature() == null ? "" : " (" + i.feature() + ")"),
                    "on " + i.server() + " " + i.service().replace("Lync Server ", ""), cause(i.cause())});
        }
        if (t.interruptionsNotDetailed() > 0) {
            rows.add(new String[] {"", "... and " + t.interruptionsNotDetailed() + " more"});
        }
        return rows;
    }

    /** Findings of one kind at one moment on one server (a whole-server act finds the same for every service) on one line. */
    private static List<String[]> findings(List<Finding> findings) {
        Map<String, List<Finding>> grouped = new LinkedHashMap<>();
        findings.forEach(f -> grouped.computeIfAbsent(f.code() + "\u0000" + f.at() + "\u0000" + f.pool() + "\u0000"
                + f.server(), k -> new ArrayList<>()).add(f));
        List<String[]> rows = new ArrayList<>();
        grouped.values().forEach(same -> {
            Finding f = same.get(0);
            String where = f.server() != null ? f.server() : f.pool();
            String detail = same.size() == 1 ? f.detail() : f.detail() + " (and the same for " + (same.size() - 1)
                    + " other services)";
            rows.add(new String[] {Times.format(f.at()), f.code().name(), where, detail});
        });
        return rows;
    }

    private static String cause(InterruptionCause cause) {
        return cause.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Each service whose status, startup type or sessions at the end differ under the what-if. */
    private static void endingDifferently(Output out, ReplayResult base, ReplayResult alternative, Rules rules) {
        ServiceNames names = new ServiceNames(rules.catalog(), base.state());
        List<String[]> rows = new ArrayList<>();
        for (ServerState server : base.state().servers().values()) {
            ServerState other = alternative.state().server(server.name()).orElse(null);
            for (ServiceState s : server.services().values()) {
                ServiceState w = other == null ? null : other.service(s.name());
                if (w == null || w.status() != s.status() || w.startup() != s.startup()
                        || w.sessionCount() != s.sessionCount()) {
                    rows.add(new String[] {server.name(), names.shortName(server.name(), s.name()), ending(s),
                            w == null ? "not there" : ending(w)});
                }
            }
        }
        out.line("");
        out.line("Services that end differently: " + rows.size());
        if (!rows.isEmpty()) {
            Table table = new Table();
            table.row("SERVER", "SERVICE", "AS IT HAPPENED", "WHAT IF");
            rows.forEach(table::row);
            out.lines(table.lines("  "));
        }
    }

    private static String ending(ServiceState s) {
        return s.status() + " " + s.startup().label() + " " + Words.count(s.sessionCount(), "session");
    }

    private static void compare(Output out, ReplayResult base, ReplayResult alternative, WhatIf changed) {
        out.line("");
        out.line("What if " + String.join(", ", Replay.describe(changed)) + ":");
        Table table = new Table();
        table.row("", "as it happened", "what if");
        table.row("sessions interrupted", String.valueOf(base.interrupted()), String.valueOf(alternative.interrupted()));
        table.row("connections lost", String.valueOf(base.lostConnections()),
                String.valueOf(alternative.lostConnections()));
        table.row("refused command lines", String.valueOf(base.refusals().size()),
                String.valueOf(alternative.refusals().size()));
        Map<FindingCode, int[]> counts = new EnumMap<>(FindingCode.class);
        base.findings().forEach(f -> counts.computeIfAbsent(f.code(), c -> new int[2])[0]++);
        alternative.findings().forEach(f -> counts.computeIfAbsent(f.code(), c -> new int[2])[1]++);
        counts.forEach((code, n) -> table.row(code.name(), String.valueOf(n[0]), String.valueOf(n[1])));
        out.lines(table.lines("  "));
    }
}
