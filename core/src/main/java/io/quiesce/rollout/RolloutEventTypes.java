package io.quiesce.rollout;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stable type names of rollout events, in journals and history files. A name is never
 * changed or reused.
 */
public final class RolloutEventTypes {
    private static final Map<String, Class<? extends RolloutEvent>> BY_NAME;

    static {
        Map<String, Class<? extends RolloutEvent>> m = new LinkedHashMap<>();
        m.put("RolloutStarted", RolloutEvent.RolloutStarted.class);
        m.put("RolloutStepStarted", RolloutEvent.StepStarted.class);
        m.put("RolloutStepDone", RolloutEvent.StepDone.class);
        m.put("RolloutDrainTimedOut", RolloutEvent.DrainTimedOut.class);
        m.put("RolloutPatchFinished", RolloutEvent.PatchFinished.class);
        m.put("RolloutResumed", RolloutEvent.RolloutResumed.class);
        m.put("RolloutAbortRequested", RolloutEvent.AbortRequested.class);
        m.put("RolloutAborted", RolloutEvent.RolloutAborted.class);
        m.put("RolloutCompleted", RolloutEvent.RolloutCompleted.class);
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private RolloutEventTypes() {
    }

    public static Map<String, Class<? extends RolloutEvent>> all() {
        return BY_NAME;
    }

    public static Optional<String> nameOf(Class<?> type) {
        return BY_NAME.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey).findFirst();
    }
}
