package io.quiesce.rollout;

import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;

import java.util.List;

/** The answer of {@link RolloutDecider#decide}: the events to record, or a refusal that changes nothing. */
public sealed interface RolloutDecision {
    record Accepted(List<RolloutEvent> events) implements RolloutDecision {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    record Rejected(Rejection rejection) implements RolloutDecision {
    }

    static Rejected reject(RejectionCode code, String message) {
        return new Rejected(new Rejection(code, message));
    }
}
