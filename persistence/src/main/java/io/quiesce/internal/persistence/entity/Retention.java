package io.quiesce.internal.persistence.entity;

import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/** Snapshot policy shared by the entities; events are always kept, for history export. */
final class Retention {
    private Retention() {
    }

    /** A snapshot every {@code events} events, the last two kept; 0 or less: no snapshots. */
    static RetentionCriteria every(int events) {
        return events > 0 ? RetentionCriteria.snapshotEvery(events, 2) : RetentionCriteria.disabled();
    }
}
