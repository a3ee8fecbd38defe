package io.quiesce.properties;

import io.quiesce.auth.Authorization;
import io.quiesce.event.Event;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.history.HistoryException;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.history.Replay;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/**
 * Property (c), the export half of I6: the events of a live sequence, written as docs/behaviour.md event
 * lines, read back and replayed by core's replay, give the live state again.
 */
record ExportReplay(Rules rules) implements Property {
    @Override
    public Optional<Failure> check(List<Step> steps) {
        ModelRun run = new ModelRun(rules::decide);
        try {
            steps.forEach(run::apply);
            return compare(rules, run.journal(), run.state());
        } catch (RuntimeException e) {
            return Optional.of(Failure.thrown(e));
        }
    }

    /** Writes {@code history} as event lines, replays them, and compares with {@code live}. */
    static Optional<Failure> compare(Rules rules, List<Event> history, Deployment live) {
        StringBuilder lines = new StringBuilder();
        history.forEach(e -> lines.append(EventCodec.line(e)).append('\n'));
        Deployment replayed;
        try {
            HistoryReader reader = new HistoryReader(new BufferedReader(new StringReader(lines.toString())), "export",
                    Authorization.DEFAULT_ADMIN_GROUP);
            replayed = new Replay(rules).run(reader, "export", null).state();
        } catch (HistoryException e) {
            return Failure.of("I6-export", "the replay refused the export: " + e.getMessage());
        }
        if (!replayed.equals(live)) {
            return Failure.of("I6-export", "the replayed state differs from the live state:\n    "
                    + StateDiff.describe(live, replayed));
        }
        return Optional.empty();
    }
}
