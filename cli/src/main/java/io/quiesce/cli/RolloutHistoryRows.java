package io.quiesce.cli;

import io.quiesce.Quiesce;
import io.quiesce.rollout.RolloutEvent;
import io.quiesce.rollout.RolloutEventTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rollouts' own steps as rows of {@code history}, beside the events they caused on the
 * servers (which carry the rollout in their reason).
 */
final class RolloutHistoryRows {
    /** One row, and when, to place it among the other events; the event it shows, for JSON. */
    record Row(Instant at, String[] cells, RolloutEvent event) {
    }

    private RolloutHistoryRows() {
    }

    /** The rows of every pool's rollouts, oldest first; only those about {@code server} if not null. */
    static List<Row> of(Quiesce quiesce, String server) {
        return of(Printouts.rolloutsOf(quiesce), server);
    }

    /** The rows of the rollouts given by pool, oldest first; only those about {@code server} if not null. */
    static List<Row> of(Map<String, List<RolloutEvent>> rollouts, String server) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<RolloutEvent>> byPool : rollouts.entrySet()) {
            String pool = byPool.getKey();
            for (RolloutEvent e : byPool.getValue()) {
                String about = serverOf(e);
                if (server == null || server.equals(about)) {
                    rows.add(new Row(e.at(), new String[] {Times.format(e.at()),
                            RolloutEventTypes.nameOf(e.getClass()).orElseThrow(),
                            pool + (about == null ? "" : " / " + about), by(e), "rollout " + e.number() + details(e)}, e));
                }
            }
        }
        rows.sort(Comparator.comparing(Row::at));
        return rows;
    }

    private static String serverOf(RolloutEvent e) {
        if (e instanceof RolloutEvent.StepStarted s) {
            return s.server();
        } else if (e instanceof RolloutEvent.StepDone s) {
            return s.server();
        } else if (e instanceof RolloutEvent.PatchFinished s) {
            return s.server();
        } else if (e instanceof RolloutEvent.DrainTimedOut s) {
            return s.server();
        }
        return null;
    }

    private static String by(RolloutEvent e) {
        if (e instanceof RolloutEvent.RolloutStarted s) {
            return "by " + s.by();
        } else if (e instanceof RolloutEvent.RolloutResumed s) {
            return "by " + s.by();
        } else if (e instanceof RolloutEvent.AbortRequested s) {
            return "by " + s.by();
        }
        return "";
    }

    private static String details(RolloutEvent e) {
        if (e instanceof RolloutEvent.RolloutStarted s) {
            return ", batches=" + s.batches() + (s.reason() == null ? "" : ", reason: " + s.reason());
        } else if (e instanceof RolloutEvent.StepStarted s) {
            return ", step=" + s.step();
        } else if (e instanceof RolloutEvent.StepDone s) {
            return ", step=" + s.step() + ": " + s.note();
        } else if (e instanceof RolloutEvent.PatchFinished s) {
            return ", exitCode=" + s.exitCode() + ", duration=" + s.duration();
        } else if (e instanceof RolloutEvent.DrainTimedOut s) {
            return ", then=" + s.then().label();
        } else if (e instanceof RolloutEvent.RolloutResumed s) {
            return s.rerunUnfinished() ? ", rerunUnfinished" : "";
        } else if (e instanceof RolloutEvent.AbortRequested s) {
            return s.reason() == null ? "" : ", reason: " + s.reason();
        } else if (e instanceof RolloutEvent.RolloutAborted s) {
            return ", code=" + s.code() + ", left=" + s.left();
        }
        return "";
    }
}
