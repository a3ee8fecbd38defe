package io.quiesce.internal.persistence.serialization;

import io.quiesce.rollout.OnTimeout;
import io.quiesce.rollout.RolloutEvent;
import io.quiesce.rollout.RolloutEventTypes;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutStep;
import io.quiesce.rollout.SafeState;
import io.quiesce.rollout.ServerBefore;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rollout events go to the journal under their stable names and come back equal. */
class RolloutEventSerializationTest {
    static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

    static List<RolloutEvent> oneOfEach() {
        RolloutOptions options = new RolloutOptions(List.of("fe01", "fe02"), 2, Duration.ofMinutes(30),
                OnTimeout.FORCE, "patch {server}");
        return List.of(
                new RolloutEvent.RolloutStarted(T, "pool1", 1, options, List.of(List.of("fe01"), List.of("fe02")),
                        Map.of("fe01", new ServerBefore(Map.of("Lync Server Front-End", StartupType.AUTOMATIC,
                                "Lync Server Call Park", StartupType.DISABLED), List.of("Lync Server Call Park"))),
                        "alice", "KB5031"),
                new RolloutEvent.RolloutStarted(T, "pool1", 2, RolloutOptions.defaults(), List.of(List.of("fe01")),
                        Map.of(), "alice", null),
                new RolloutEvent.StepStarted(T, "pool1", 1, "fe01", RolloutStep.PATCH),
                new RolloutEvent.StepDone(T, "pool1", 1, "fe01", RolloutStep.STOP, "stopped"),
                new RolloutEvent.DrainTimedOut(T, "pool1", 1, "fe01", OnTimeout.WAIT),
                new RolloutEvent.PatchFinished(T, "pool1", 1, "fe01", 3, "disk full\nrolled back", Duration.ofMillis(1500)),
                new RolloutEvent.RolloutResumed(T, "pool1", 1, "bob", true),
                new RolloutEvent.AbortRequested(T, "pool1", 1, "bob", null),
                new RolloutEvent.RolloutAborted(T, "pool1", 1, "PATCH_FAILED", "the patch step of fe01 exited with 3",
                        Map.of("fe01", SafeState.OFFLINE_PATCH_FAILED, "fe02", SafeState.UNTOUCHED)),
                new RolloutEvent.RolloutCompleted(T, "pool1", 2));
    }

    @Test
    void everyRolloutEventReadsBackEqualUnderItsStableName() throws Exception {
        QuiesceSerializer serializer = new QuiesceSerializer();
        assertThat(oneOfEach()).extracting(e -> (Object) e.getClass()).containsAll(RolloutEventTypes.all().values());
        for (RolloutEvent e : oneOfEach()) {
            String manifest = serializer.manifest(e);
            assertThat(manifest).isEqualTo(RolloutEventTypes.nameOf(e.getClass()).orElseThrow()).doesNotContain(".");
            byte[] bytes = serializer.toBinary(e);
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("io.quiesce");
            assertThat(serializer.fromBinary(bytes, manifest)).isEqualTo(e);
        }
    }
}
