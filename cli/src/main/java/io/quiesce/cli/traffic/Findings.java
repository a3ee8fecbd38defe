package io.quiesce.cli.traffic;

import io.quiesce.event.Event;
import io.quiesce.formats.history.ReplayJson;
import io.quiesce.history.HistoryLine;
import io.quiesce.history.Replay;
import io.quiesce.history.ReplayResult;
import io.quiesce.rules.Rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/findings}: what {@code quiesce replay} would find in the history so far
 * (findings, interrupted sessions, lost connections), for the dashboard. It replays the whole
 * history; {@link FindingsCache} shares one replay among callers.
 */
public final class Findings {
    private Findings() {
    }

    public static Map<String, Object> of(List<Event> history, Rules rules) {
        List<HistoryLine> lines = new ArrayList<>(history.size());
        for (Event e : history) {
            lines.add(new HistoryLine.EventLine(lines.size() + 1, e));
        }
        ReplayResult result = new Replay(rules).run(lines, "history", null);
        Map<String, Object> all = ReplayJson.of(result, rules.catalog());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("findings", all.get("findings"));
        m.put("interrupted", all.get("interrupted"));
        m.put("lostConnections", all.get("lostConnections"));
        return m;
    }
}
