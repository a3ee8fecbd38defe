package io.quiesce.persistence.entity;

import java.util.Map;
import java.util.TreeMap;

/**
 * A server entity's state: the next intent number, the intents not yet applied everywhere, and
 * the number of the last decision it recorded.
 */
public record ServerSnapshot(long lastIntent, Map<Long, IntentRecorded> pending, long lastDecision)
        implements Journaled {
    public ServerSnapshot {
        pending = java.util.Collections.unmodifiableMap(new TreeMap<>(pending));
    }

    static ServerSnapshot empty() {
        return new ServerSnapshot(0, Map.of(), 0);
    }

    ServerSnapshot recorded(IntentRecorded intent) {
        Map<Long, IntentRecorded> next = new TreeMap<>(pending);
        next.put(intent.intent(), intent);
        return new ServerSnapshot(Math.max(lastIntent, intent.intent()), next,
                Math.max(lastDecision, intent.decision()));
    }

    ServerSnapshot completed(long intent) {
        Map<Long, IntentRecorded> next = new TreeMap<>(pending);
        next.remove(intent);
        return new ServerSnapshot(lastIntent, next, lastDecision);
    }
}
