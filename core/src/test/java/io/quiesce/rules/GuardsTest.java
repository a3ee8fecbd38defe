package io.quiesce.rules;

import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.ServiceStopped;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.quiesce.rules.Scenario.CALL_PARK;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FE02;
import static io.quiesce.rules.Scenario.FE03;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.drained;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.pauseForced;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.restart;
import static io.quiesce.rules.Scenario.restartForced;
import static io.quiesce.rules.Scenario.serverOffline;
import static io.quiesce.rules.Scenario.stop;
import static io.quiesce.rules.Scenario.stopForced;
import static io.quiesce.rules.Scenario.stopped;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules 12 (capacity guard) and 13 (quorum guard). */
class GuardsTest {

    @Nested
    class Capacity {
        @Test
        void pausingTheLastRunningInstanceIsRefused() {
            Scenario s = pool(true, FE01)
                    .when(pause(FE01, IM_CONF))
                    .thenRejected(RejectionCode.CAPACITY_GUARD);
            assertThat(s.rejection().message()).isEqualTo("pausing fe01 would leave pool pool1 with no running"
                    + " Lync Server IM Conferencing: start or resume it on another server first, or force.");
        }

        @Test
        void pausingTheLastRunningInstanceByForceIsAcceptedAndWarned() {
            Scenario s = pool(true, FE01)
                    .when(pauseForced(FE01, IM_CONF))
                    .thenEvents(new ServicePaused(T0, FE01, IM_CONF, null, "admin", null),
                            new ServiceDrained(T0, FE01, IM_CONF))
                    .thenWarnings(WarningCode.GUARD_OVERRIDDEN);
            assertThat(s.decision().warnings().get(0).message())
                    .as("says what forcing did, not what to do instead of forcing")
                    .isEqualTo("forced: pausing fe01 leaves pool pool1 with no running Lync Server IM Conferencing.");
        }

        @Test
        void pausingWhileAnotherServerRunsTheServiceIsAccepted() {
            pool(true, FE01, FE02)
                    .given(paused(FE02, CALL_PARK))
                    .when(pause(FE01, IM_CONF))
                    .thenStatus(FE01, IM_CONF, ServiceStatus.DRAINED)
                    .thenWarnings();
        }

        @Test
        void pausingTheSecondToLastRunningInstanceIsAcceptedButNotTheLast() {
            threeServers()
                    .given(paused(FE02, IM_CONF), drained(FE02, IM_CONF))
                    .when(pause(FE01, IM_CONF))
                    .thenStatus(FE01, IM_CONF, ServiceStatus.DRAINED)
                    .when(pause(FE03, IM_CONF))
                    .thenRejected(RejectionCode.CAPACITY_GUARD);
        }

        @Test
        void stoppingTheLastRunningInstanceIsRefused() {
            threeServers()
                    .given(stopped(FE02, IM_CONF), stopped(FE03, IM_CONF))
                    .when(stop(FE01, IM_CONF))
                    .thenRejected(RejectionCode.CAPACITY_GUARD, "stopping fe01 would leave pool pool1 with no"
                            + " running Lync Server IM Conferencing");
        }

        @Test
        void stoppingTheLastRunningInstanceByForceIsAccepted() {
            threeServers()
                    .given(stopped(FE02, IM_CONF), stopped(FE03, IM_CONF))
                    .when(stopForced(FE01, IM_CONF))
                    .thenEvents(new ServiceStopped(T0, FE01, IM_CONF, true, "admin", null))
                    .thenWarnings(WarningCode.GUARD_OVERRIDDEN);
        }

        @Test
        void stoppingWhenNoInstanceRunsAnywayIsAccepted() {
            pool(true, FE01)
                    .given(paused(FE01, CALL_PARK), drained(FE01, CALL_PARK))
                    .when(stop(FE01, CALL_PARK))
                    .thenEvents(new ServiceStopped(T0, FE01, CALL_PARK, false, "admin", null))
                    .thenWarnings();
        }

        @Test
        void restartingTheServerWithTheLastRunningInstanceIsRefused() {
            threeServers()
                    .given(paused(FE02, CALL_PARK), drained(FE02, CALL_PARK),
                            paused(FE03, CALL_PARK), drained(FE03, CALL_PARK))
                    .when(restart(FE01))
                    .thenRejected(RejectionCode.CAPACITY_GUARD, "restarting fe01 would leave pool pool1 with no"
                            + " running Lync Server Call Park");
        }

        @Test
        void restartingItByForceIsAccepted() {
            threeServers()
                    .given(paused(FE02, CALL_PARK), drained(FE02, CALL_PARK),
                            paused(FE03, CALL_PARK), drained(FE03, CALL_PARK))
                    .when(restartForced(FE01))
                    .thenWarnings(WarningCode.GUARD_OVERRIDDEN)
                    .thenStatus(FE01, CALL_PARK, ServiceStatus.RUNNING);
        }

        @Test
        void restartingTheOnlyServerOfAPoolIsRefused() {
            pool(true, FE01)
                    .when(restart(FE01))
                    .thenRejected(RejectionCode.CAPACITY_GUARD);
        }

        @Test
        void theQuorumGuardDoesNotApplyToAPause() {
            pool(true, FE01, FE02)
                    .when(pause(FE01, FRONT_END))
                    .thenStatus(FE01, FRONT_END, ServiceStatus.DRAINED)
                    .thenWarnings();
        }
    }

    @Nested
    class Quorum {
        @Test
        void stoppingTheCoreServiceBelowQuorumIsRefused() {
            Scenario s = threeServers()
                    .given(serverOffline(FE02))
                    .when(stop(FE01, FRONT_END))
                    .thenRejected(RejectionCode.QUORUM_GUARD);
            assertThat(s.rejection().message()).isEqualTo("stopping fe01 would leave pool pool1 with 1 of 3"
                    + " servers up, below its quorum of 2: bring another server up first, or force.");
        }

        @Test
        void stoppingTheCoreServiceAtQuorumIsAccepted() {
            threeServers()
                    .when(stop(FE01, FRONT_END))
                    .thenEvents(new ServiceStopped(T0, FE01, FRONT_END, false, "admin", null))
                    .thenWarnings();
        }

        @Test
        void stoppingItBelowQuorumByForceIsAcceptedAndWarned() {
            threeServers()
                    .given(serverOffline(FE02))
                    .when(stopForced(FE01, FRONT_END))
                    .thenEvents(new ServiceStopped(T0, FE01, FRONT_END, true, "admin", null))
                    .thenWarnings(WarningCode.GUARD_OVERRIDDEN);
        }

        @Test
        void theOverriddenWarningSaysWhatForcingDidAndAdvisesNothingMore() {
            Scenario s = threeServers()
                    .given(serverOffline(FE02))
                    .when(stopForced(FE01, FRONT_END));
            assertThat(s.decision().warnings()).singleElement().satisfies(w -> assertThat(w.message())
                    .isEqualTo("forced: stopping fe01 leaves pool pool1 with 1 of 3 servers up, below its quorum of 2."));
        }

        @Test
        void stoppingAServiceThatIsNotTheCoreServiceDoesNotCount() {
            threeServers()
                    .given(serverOffline(FE02))
                    .when(stop(FE01, IM_CONF))
                    .thenEvents(new ServiceStopped(T0, FE01, IM_CONF, false, "admin", null));
        }

        @Test
        void aServerIsUpWhileItsCoreServiceIsPaused() {
            // fe01 running and fe03 paused keep two of three up: quorum holds after fe02 stops
            threeServers()
                    .given(paused(FE03, FRONT_END), drained(FE03, FRONT_END))
                    .when(stop(FE02, FRONT_END))
                    .thenEvents(new ServiceStopped(T0, FE02, FRONT_END, false, "admin", null));
        }

        @Test
        void aTwoServerPoolNeedsBothUp() {
            pool(true, FE01, FE02)
                    .when(stop(FE01, FRONT_END))
                    .thenRejected(RejectionCode.QUORUM_GUARD, "with 1 of 2 servers up, below its quorum of 2");
        }

        @Test
        void restartingBelowQuorumIsRefused() {
            threeServers()
                    .given(serverOffline(FE02))
                    .when(restart(FE01))
                    .thenRejected(RejectionCode.QUORUM_GUARD, "restarting fe01");
        }

        @Test
        void restartingAServerThatIsDownDoesNotLowerTheCount() {
            threeServers()
                    .given(serverOffline(FE02)).given(serverOffline(FE03))
                    .when(restart(FE02))
                    .thenWarnings()
                    .thenStatus(FE02, FRONT_END, ServiceStatus.RUNNING);
        }

        @Test
        void aFivePoolServerNeedsThreeUp() {
            Scenario s = pool(true, "fe1", "fe2", "fe3", "fe4", "fe5")
                    .given(stopped("fe4", FRONT_END), stopped("fe5", FRONT_END));
            s.when(stop("fe3", FRONT_END))
                    .thenRejected(RejectionCode.QUORUM_GUARD, "with 2 of 5 servers up, below its quorum of 3");
        }

        @Test
        void aFivePoolServerMayLoseTwo() {
            pool(true, "fe1", "fe2", "fe3", "fe4", "fe5")
                    .given(stopped("fe5", FRONT_END))
                    .when(stop("fe4", FRONT_END))
                    .thenEvents(new ServiceStopped(T0, "fe4", FRONT_END, false, "admin", null));
        }

        @Test
        void bothGuardsAreReportedWhenForced() {
            Scenario s = pool(true, FE01)
                    .when(restartForced(FE01))
                    .thenWarned(WarningCode.GUARD_OVERRIDDEN);
            assertThat(s.decision().warnings()).extracting(Warning::message)
                    .anyMatch(m -> m.contains("no running Lync Server Front-End"))
                    .anyMatch(m -> m.contains("with 0 of 1 servers up, below its quorum of 1"));
        }
    }
}
