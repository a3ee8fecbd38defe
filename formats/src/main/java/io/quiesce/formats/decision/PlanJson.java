package io.quiesce.formats.decision;

import io.quiesce.rules.Plan;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code plan SERVER --json} shape: the server's sessions, and what a stop and a restart would do now. */
public final class PlanJson {
    private PlanJson() {
    }

    public static Map<String, Object> of(Plan plan, ShortNames names) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("server", plan.server());
        json.put("pool", plan.pool());
        json.put("status", plan.status().name());
        json.put("sessions", plan.sessions().stream().<Object>map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("session", s.session());
            m.put("service", s.service());
            m.put("shortName", names.of(plan.server(), s.service()));
            m.put("feature", s.feature());
            m.put("startedAt", s.startedAt().toString());
            return m;
        }).toList());
        json.put("stop", preview(plan.stop(), names));
        json.put("restart", preview(plan.restart(), names));
        return json;
    }

    private static Map<String, Object> preview(Plan.Preview p, ShortNames names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allowedNow", p.allowedNow());
        m.put("blocked", DecisionJson.rejection(p.blocked()));
        m.put("guards", p.guards().stream().<Object>map(DecisionJson::rejection).toList());
        m.put("outcomes", p.outcomes().stream().<Object>map(o -> DecisionJson.outcome(o, names)).toList());
        m.put("warnings", DecisionJson.warnings(p.warnings()));
        return m;
    }
}
