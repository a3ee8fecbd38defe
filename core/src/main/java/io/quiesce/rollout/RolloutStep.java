package io.quiesce.rollout;

import java.util.List;

/** The steps a rollout takes each server through, in this order. */
public enum RolloutStep {
    MANUAL_STARTUP("set startup manual"),
    PAUSE("pause"),
    DRAIN("wait until drained"),
    STOP("stop"),
    PATCH("run the patch step"),
    START("start"),
    RESUME("resume"),
    RESTORE_STARTUP("restore startup type");

    private final String words;

    RolloutStep(String words) {
        this.words = words;
    }

    /** The operator's words for it, as the progress display shows them. */
    public String words() {
        return words;
    }

    /** The steps of a rollout, without the patch step when there is no command to run. */
    public static List<RolloutStep> sequence(boolean patch) {
        return java.util.Arrays.stream(values()).filter(s -> patch || s != PATCH).toList();
    }
}
