package io.quiesce.cli.traffic;

import io.quiesce.event.Event;
import io.quiesce.rules.Rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The findings of the history so far, shared by every caller. A replay of a long night takes a
 * second or more, and every open dashboard asks every few seconds while traffic flows: so the
 * replay is made again only once the history has grown, and only once twice as long as the last
 * replay took has passed since it ended (replays then take at most a third of a core, however
 * many ask). Until then callers get the last findings, marked {@code "upToDate":false} so that
 * they ask again.
 */
final class FindingsCache {
    /** How many times the last replay's duration must pass before the next one. */
    static final int REST = 2;

    private final Rules rules;
    private final LongSupplier nanoTime;
    private long madeFor = -1;
    private long madeAt;
    private long took;
    private Map<String, Object> findings;

    FindingsCache(Rules rules, LongSupplier nanoTime) {
        this.rules = rules;
        this.nanoTime = nanoTime;
    }

    /** {@code lastId}: the number of the newest event recorded; {@code history}: every event, read only when needed. */
    synchronized Map<String, Object> get(long lastId, Supplier<List<Event>> history) {
        long start = nanoTime.getAsLong();
        boolean fresh = findings != null && (lastId == madeFor || start - madeAt < REST * took);
        if (!fresh) {
            findings = Findings.of(history.get(), rules);
            madeFor = lastId;
            madeAt = nanoTime.getAsLong();
            took = madeAt - start;
        }
        Map<String, Object> answer = new LinkedHashMap<>(findings);
        answer.put("upToDate", madeFor == lastId);
        return answer;
    }
}
