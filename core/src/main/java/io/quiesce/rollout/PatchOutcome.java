package io.quiesce.rollout;

import java.time.Duration;

/** What a server's patch command did. */
public record PatchOutcome(int exitCode, String outputTail, Duration duration) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
