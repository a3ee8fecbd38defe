package io.quiesce.formats.history;

import io.quiesce.history.*;
import io.quiesce.catalog.Catalog;
import io.quiesce.formats.status.StatusJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code replay --json} shape: findings, totals, the final status, and the same
 * again under {@code "whatIf"} when a what-if was asked for.
 */
public final class ReplayJson {
    private ReplayJson() {
    }

    public static Map<String, Object> of(ReplayResult result, Catalog catalog) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("findings", result.findings().stream().map(ReplayJson::finding).toList());
        m.put("interrupted", result.interrupted());
        m.put("lostConnections", result.lostConnections());
        m.put("refused", result.refusals().stream().map(r -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("line", r.line());
            x.put("at", r.at().toString());
            x.put("command", r.command());
            x.put("code", r.rejection().code().name());
            x.put("message", r.rejection().message());
            return (Object) x;
        }).toList());
        m.put("final", StatusJson.of(result.state(), catalog));
        return m;
    }

    public static Map<String, Object> of(ReplayResult result, ReplayResult whatIf, List<String> settings,
                                         Catalog catalog) {
        Map<String, Object> m = of(result, catalog);
        Map<String, Object> w = of(whatIf, catalog);
        w.put("settings", settings);
        m.put("whatIf", w);
        return m;
    }

    /** One step a rollout took on a server, read back from the reasons its events carry. */
    public static Map<String, Object> rolloutStep(java.time.Instant at, String rollout, String server, String step,
                                                  int services) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", at.toString());
        m.put("rollout", rollout);
        m.put("server", server);
        m.put("step", step);
        m.put("services", services);
        return m;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", f.code().name());
        m.put("at", f.at().toString());
        m.put("pool", f.pool());
        m.put("server", f.server());
        m.put("service", f.service());
        m.put("detail", f.detail());
        return m;
    }
}
