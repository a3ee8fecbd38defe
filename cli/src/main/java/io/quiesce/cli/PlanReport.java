package io.quiesce.cli;

import io.quiesce.formats.decision.PlanJson;
import io.quiesce.rules.Plan;
import io.quiesce.rules.ServiceOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prints a {@link Plan}: the sessions in the way, then what a stop and a restart would do. */
final class PlanReport {
    private final ServiceNames names;

    PlanReport(ServiceNames names) {
        this.names = names;
    }

    void print(Output out, Plan plan) {
        if (out.json()) {
            out.json(json(plan));
        } else {
            out.lines(lines(plan));
        }
    }

    List<String> lines(Plan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("plan for " + plan.server() + " (pool " + plan.pool() + ", " + plan.status() + ", "
                + Words.count(plan.sessions().size(), "session") + ")");
        Map<String, Map<String, Integer>> byService = new LinkedHashMap<>();
        plan.sessions().forEach(s -> byService.computeIfAbsent(s.service(), k -> new TreeMap<>())
                .merge(s.feature(), 1, Integer::sum));
        Table sessions = new Table();
        byService.forEach((service, features) -> sessions.row(names.shortName(plan.server(), service),
                Words.count(features.values().stream().mapToInt(Integer::intValue).sum(), "session"),
                features.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b)
                        .orElse("")));
        lines.addAll(sessions.lines("  "));
        preview(lines, "stop", plan.stop());
        preview(lines, "restart", plan.restart());
        return lines;
    }

    private void preview(List<String> lines, String action, Plan.Preview p) {
        lines.add("");
        if (p.blocked() != null) {
            lines.add(action + ": not possible, even forced: (" + p.blocked().code() + ") " + p.blocked().message());
            return;
        }
        if (p.allowedNow()) {
            lines.add(action + ": allowed now");
        } else {
            lines.add(action + ": refused now, unless forced:");
            p.guards().forEach(g -> lines.add("  (" + g.code() + ") " + g.message()));
            lines.add(action + " --force would do:");
        }
        Table outcomes = new Table();
        for (ServiceOutcome o : p.outcomes()) {
            outcomes.row(names.shortName(o.server(), o.service()), o.service(),
                    o.changed() ? o.before() + " -> " + o.after() : "unchanged: " + o.note());
        }
        lines.addAll(outcomes.lines("  "));
        Output.warningLines(p.warnings()).forEach(w -> lines.add("  " + w));
    }

    Map<String, Object> json(Plan plan) {
        return PlanJson.of(plan, names.shortNames());
    }
}
