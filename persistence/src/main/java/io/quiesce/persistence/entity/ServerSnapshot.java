package io.quiesce.persistence.entity;

import java.util.Map;
import java.util.TreeMap;

/** A server entity's state: the next intent number and the intents not yet applied everywhere. */
public record ServerSnapshot(long lastIntent, Map<Long, IntentRecorded> pending) implements Journaled {
    public ServerSnapshot {
        pending = java.util.Collections.unmodifiableMap(new TreeMap<>(pending));
    }

    static ServerSnapshot empty() {
        return new ServerSnapshot(0, Map.of());
    }

    ServerSnapshot recorded(IntentRecorded intent) {
        Map<Long, IntentRecorded> next = new TreeMap<>(pending);
        next.put(intent.intent(), intent);
        return new ServerSnapshot(Math.max(lastIntent, intent.intent()), next);
    }

    ServerSnapshot completed(long intent) {
        Map<Long, IntentRecorded> next = new TreeMap<>(pending);
        next.remove(intent);
        return new ServerSnapshot(lastIntent, next);
    }
}
