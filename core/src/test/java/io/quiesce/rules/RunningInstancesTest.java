package io.quiesce.rules;

import org.junit.jupiter.api.Test;

import static io.quiesce.rules.Scenario.CALL_PARK;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FE02;
import static io.quiesce.rules.Scenario.POOL;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** The running instances of a service in a pool: only RUNNING ones take new connections. */
class RunningInstancesTest {
    @Test
    void givenThreeServers_whenOneIsPausedAndOneServiceOfAnotherPaused_thenThoseNoLongerCount() {
        Scenario s = threeServers();
        assertThat(s.state().runningInstances(POOL, CALL_PARK)).isEqualTo(3);

        s.givenCommands(pause(FE01, null), pause(FE02, CALL_PARK));

        assertThat(s.state().runningInstances(POOL, CALL_PARK)).isEqualTo(1);
        assertThat(s.state().runningInstances(POOL, Scenario.FRONT_END)).isEqualTo(2);
    }

    @Test
    void givenNoSuchPoolOrService_whenCounted_thenNone() {
        Scenario s = threeServers();

        assertThat(s.state().runningInstances("pool9", CALL_PARK)).isZero();
        assertThat(s.state().runningInstances(POOL, "Fax Service")).isZero();
    }
}
