package io.quiesce.rules;

import io.quiesce.command.Command;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.quiesce.rules.Scenario.ATTENDANT;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.act;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** The status changes of a decision: one per service whose status it changed, in event order. */
class StatusChangeTest {
    @Test
    void givenAnIdleServer_whenPausedWhole_thenEachServiceGoesFromRunningToDrainedOnce() {
        Scenario s = threeServers();
        Deployment before = s.state();

        s.when(pause(FE01, null));

        List<StatusChange> changes = StatusChange.of(before, s.accepted().events(), s.state());
        assertThat(changes).hasSize(before.server(FE01).orElseThrow().services().size())
                .allSatisfy(c -> assertThat(c).extracting(StatusChange::from, StatusChange::to, StatusChange::at)
                        .containsExactly(ServiceStatus.RUNNING, ServiceStatus.DRAINED, T0));
        assertThat(changes.get(0).service()).isEqualTo(FRONT_END);
    }

    @Test
    void givenADrainedService_whenResumed_thenItsOneChangeIsDrainedToRunning() {
        Scenario s = threeServers().givenCommands(pause(FE01, ATTENDANT));
        Deployment before = s.state();

        s.when(new Command.Resume(FE01, ATTENDANT, act()));

        assertThat(StatusChange.of(before, s.accepted().events(), s.state()))
                .containsExactly(new StatusChange(FE01, ATTENDANT, ServiceStatus.DRAINED, ServiceStatus.RUNNING, T0));
        assertThat(StatusChange.of(s.state(), List.of(), s.state())).isEmpty();
    }
}
