package io.quiesce.internal.persistence.entity;

import java.util.Map;
import java.util.TreeMap;

/**
 * A server entity's state: its last decision, and, for directories written by earlier versions,
 * the last intent number and the intents not yet applied everywhere.
 */
public record ServerSnapshot(long lastIntent, Map<Long, IntentRecorded> pending, LastDecision last)
        implements Journaled {
    public ServerSnapshot {
        pending = java.util.Collections.unmodifiableMap(new TreeMap<>(pending));
        last = LastDecision.orNone(last);
    }

    static ServerSnapshot empty() {
        return new ServerSnapshot(0, Map.of(), LastDecision.NONE);
    }

    ServerSnapshot recorded(IntentRecorded intent) {
        Map<Long, IntentRecorded> next = new TreeMap<>(pending);
        next.put(intent.intent(), intent);
        return new ServerSnapshot(Math.max(lastIntent, intent.intent()), next,
                last.after(intent.decision(), intent.events()));
    }

    ServerSnapshot decided(ServerDecisionRecorded decision) {
        return new ServerSnapshot(lastIntent, pending, last.after(decision.decision(), decision.events()));
    }

    ServerSnapshot completed(long intent) {
        Map<Long, IntentRecorded> next = new TreeMap<>(pending);
        next.remove(intent);
        return new ServerSnapshot(lastIntent, next, last);
    }
}
