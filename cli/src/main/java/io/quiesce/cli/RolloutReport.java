package io.quiesce.cli;

import io.quiesce.rollout.OnTimeout;
import io.quiesce.rollout.PatchOutcome;
import io.quiesce.rollout.RolloutPlan;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rollout.RolloutStatus;
import io.quiesce.rollout.RolloutStep;
import io.quiesce.rules.Plan.SessionView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prints a rollout's plan and a rollout's state, as text or JSON. */
final class RolloutReport {
    private RolloutReport() {
    }

    static void plan(Output out, RolloutPlan plan, boolean patch) {
        if (out.json()) {
            out.json(planJson(plan, patch));
        } else {
            out.lines(planLines(plan, patch));
        }
    }

    static List<String> planLines(RolloutPlan plan, boolean patch) {
        List<String> lines = new ArrayList<>();
        if (!plan.possible()) {
            lines.add("pool " + plan.pool() + " cannot be rolled:");
            plan.obstacles().forEach(o -> lines.add("  (" + o.code() + ") " + o.message()));
            return lines;
        }
        lines.add("rollout plan for pool " + plan.pool() + ": " + Words.count(plan.batches().size(), "batch")
                .replace("batchs", "batches") + ", at most " + plan.maxUnavailable() + " server(s) out at a time");
        lines.add("each server: " + String.join(", ", RolloutStep.sequence(patch).stream().map(RolloutStep::words)
                .toList()));
        for (RolloutPlan.Batch b : plan.batches()) {
            lines.add("");
            lines.add("batch " + b.number() + ": " + String.join(", ", b.servers().stream()
                    .map(RolloutPlan.ServerPlan::server).toList()));
            lines.add("  pause meets the capacity guard: " + b.capacity());
            lines.add("  stop meets the quorum guard: " + b.quorum());
            for (RolloutPlan.ServerPlan s : b.servers()) {
                if (s.sessions().isEmpty()) {
                    lines.add("  " + s.server() + ": no session now, nothing to wait for or interrupt");
                } else {
                    lines.add("  " + s.server() + ": " + Words.count(s.sessions().size(), "session") + " now ("
                            + features(s.sessions()) + "): wait waits for them, force interrupts up to "
                            + s.interrupted(OnTimeout.FORCE) + " left at the drain timeout, abort stops the rollout"
                            + " there");
                }
                if (!s.notRerouted().isEmpty()) {
                    lines.add("  " + s.server() + ": no DNS load balancing: new " + String.join(", ", s.notRerouted())
                            + " sessions still land on it while paused; force may interrupt those too");
                }
            }
        }
        return lines;
    }

    private static String features(List<SessionView> sessions) {
        Map<String, Integer> byFeature = new TreeMap<>();
        sessions.forEach(s -> byFeature.merge(s.feature(), 1, Integer::sum));
        return String.join(", ", byFeature.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    static Map<String, Object> planJson(RolloutPlan plan, boolean patch) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pool", plan.pool());
        m.put("maxUnavailable", plan.maxUnavailable());
        m.put("possible", plan.possible());
        m.put("obstacles", plan.obstacles().stream().<Object>map(o -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("code", o.code().name());
            v.put("message", o.message());
            return v;
        }).toList());
        m.put("steps", RolloutStep.sequence(patch).stream().<Object>map(RolloutStep::name).toList());
        List<Object> batches = new ArrayList<>();
        for (RolloutPlan.Batch b : plan.batches()) {
            Map<String, Object> batch = new LinkedHashMap<>();
            batch.put("number", b.number());
            batch.put("capacity", b.capacity());
            batch.put("quorum", b.quorum());
            List<Object> servers = new ArrayList<>();
            for (RolloutPlan.ServerPlan s : b.servers()) {
                Map<String, Object> server = new LinkedHashMap<>();
                server.put("server", s.server());
                server.put("sessions", s.sessions().stream().<Object>map(x -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("session", x.session());
                    v.put("service", x.service());
                    v.put("feature", x.feature());
                    return v;
                }).toList());
                Map<String, Object> interrupts = new LinkedHashMap<>();
                for (OnTimeout t : OnTimeout.values()) {
                    interrupts.put(t.label(), s.interrupted(t));
                }
                server.put("interrupts", interrupts);
                server.put("notRerouted", List.copyOf(s.notRerouted()));
                servers.add(server);
            }
            batch.put("servers", servers);
            batches.add(batch);
        }
        m.put("batches", batches);
        return m;
    }

    static void state(Output out, RolloutState s) {
        if (out.json()) {
            out.json(stateJson(s));
        } else {
            out.lines(stateLines(s));
        }
    }

    static List<String> stateLines(RolloutState s) {
        List<String> lines = new ArrayList<>();
        if (s.status() == RolloutStatus.NONE) {
            lines.add("pool " + s.pool() + " has never been rolled");
            return lines;
        }
        lines.add("rollout " + s.number() + " of pool " + s.pool() + ": " + status(s) + " (started by " + s.by()
                + " at " + Times.format(s.started()) + (s.reason() == null ? "" : ", " + s.reason()) + ")");
        if (s.endMessage() != null) {
            lines.add("  " + s.endCode() + ": " + s.endMessage());
        }
        s.next().ifPresent(n -> lines.add("  " + (s.inProgress() ? "step under way: " : "next step: ")
                + n.step().words() + " " + n.server()));
        Table servers = new Table();
        s.servers().forEach(server -> {
            PatchOutcome p = s.patches().get(server);
            String state = s.status() == RolloutStatus.ABORTED && s.left().containsKey(server)
                    ? s.left().get(server).name() : s.safeState(server).name();
            servers.row(server, state, p == null ? "" : "patch exit " + p.exitCode() + " in "
                    + Durations.format(p.duration()));
        });
        lines.addAll(servers.lines("  "));
        if (s.status() != RolloutStatus.COMPLETED) {
            s.servers().stream().map(server -> s.status() == RolloutStatus.ABORTED && s.left().containsKey(server)
                    ? s.left().get(server) : s.safeState(server)).distinct()
                    .forEach(state -> lines.add("  " + state.name() + ": " + state.advice()));
        }
        return lines;
    }

    private static String status(RolloutState s) {
        return switch (s.status()) {
            case NONE -> "never rolled";
            case IN_PROGRESS -> "in progress";
            case COMPLETED -> "completed at " + Times.format(s.ended());
            case ABORTED -> "aborted at " + Times.format(s.ended());
        };
    }

    static Map<String, Object> stateJson(RolloutState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pool", s.pool());
        m.put("rollout", s.number());
        m.put("status", s.status().name());
        m.put("startedBy", s.by());
        m.put("reason", s.reason());
        m.put("started", Times.format(s.started()));
        m.put("batches", s.batches().stream().<Object>map(b -> List.<Object>copyOf(b)).toList());
        m.put("next", s.next().<Object>map(n -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("server", n.server());
            v.put("step", n.step().name());
            v.put("underWay", s.inProgress());
            return v;
        }).orElse(null));
        List<Object> servers = new ArrayList<>();
        for (String server : s.servers()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("server", server);
            v.put("state", (s.status() == RolloutStatus.ABORTED && s.left().containsKey(server)
                    ? s.left().get(server) : s.safeState(server)).name());
            PatchOutcome p = s.patches().get(server);
            if (p != null) {
                Map<String, Object> patch = new LinkedHashMap<>();
                patch.put("exitCode", p.exitCode());
                patch.put("duration", p.duration().toString());
                patch.put("outputTail", p.outputTail());
                v.put("patch", patch);
            }
            servers.add(v);
        }
        m.put("servers", servers);
        m.put("ended", Times.format(s.ended()));
        m.put("code", s.endCode());
        m.put("message", s.endMessage());
        return m;
    }
}
