package io.quiesce.rollout;

import io.quiesce.command.Command;
import io.quiesce.rules.RejectionCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutGuardTest {
    private final RolloutState underWay = RolloutState.none("pool1").evolve(new RolloutEvent.RolloutStarted(Pools.T0,
            "pool1", 1, RolloutOptions.defaults(), List.of(List.of("fe01"), List.of("fe02")), Map.of(), "alice", null));

    @Test
    void anUnforcedCommandOnAServerUnderRolloutIsRefused() {
        // given a rollout of fe01 and fe02 under way / when bob pauses fe02 without force
        var refusal = RolloutGuard.check(new Command.Pause("fe02", null, null, false, Pools.act(1)), underWay);
        // then it is refused, saying how to get past it
        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo(RejectionCode.ROLLOUT_IN_PROGRESS);
            assertThat(r.message()).contains("rollout abort pool1").endsWith("or force.");
        });
        assertThat(RolloutGuard.check(new Command.Resume("fe01", null, Pools.act(1)), underWay)).isPresent();
    }

    @Test
    void forcedCommandsOtherServersAndEndedRolloutsPass() {
        assertThat(RolloutGuard.check(new Command.Stop("fe01", null, true, Pools.act(1)), underWay)).isEmpty();
        assertThat(RolloutGuard.check(new Command.Pause("fe03", null, null, false, Pools.act(1)), underWay)).isEmpty();
        RolloutState aborted = underWay.evolve(new RolloutEvent.RolloutAborted(Pools.T0, "pool1", 1, "ABORT_REQUESTED",
                "aborted", Map.of()));
        assertThat(RolloutGuard.check(new Command.Pause("fe01", null, null, false, Pools.act(1)), aborted)).isEmpty();
    }
}
