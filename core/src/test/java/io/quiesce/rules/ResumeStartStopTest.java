package io.quiesce.rules;

import io.quiesce.event.Event.ServiceResumed;
import io.quiesce.event.Event.ServiceStarted;
import io.quiesce.event.Event.ServiceStopped;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.StartupTypeChanged;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.drained;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.resume;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.start;
import static io.quiesce.rules.Scenario.startup;
import static io.quiesce.rules.Scenario.startupChanged;
import static io.quiesce.rules.Scenario.stop;
import static io.quiesce.rules.Scenario.stopForced;
import static io.quiesce.rules.Scenario.stopped;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules 2 (resume), 3 (start), 4 (stop) and 5 (startup type). */
class ResumeStartStopTest {

    @Nested
    class Resume {
        @Test
        void aPausingServiceRunsAgain() {
            Scenario s = threeServers()
                    .given(sessionStarted(FE01, FRONT_END, "s1", "im"), paused(FE01, FRONT_END))
                    .when(resume(FE01, FRONT_END))
                    .thenEvents(new ServiceResumed(T0, FE01, FRONT_END, "admin", null))
                    .thenStatus(FE01, FRONT_END, ServiceStatus.RUNNING)
                    .thenOutcomes(new ServiceOutcome(FE01, FRONT_END, ServiceStatus.PAUSING, ServiceStatus.RUNNING,
                            true, null));
            assertThat(s.service(FE01, FRONT_END).sessionCount()).isEqualTo(1);
        }

        @Test
        void aDrainedServiceRunsAgain() {
            threeServers()
                    .given(paused(FE01, IM_CONF), drained(FE01, IM_CONF))
                    .when(resume(FE01, IM_CONF))
                    .thenEvents(new ServiceResumed(T0, FE01, IM_CONF, "admin", null))
                    .thenStatus(FE01, IM_CONF, ServiceStatus.RUNNING);
        }

        @Test
        void aRunningServiceIsUnchanged() {
            threeServers()
                    .when(resume(FE01, IM_CONF))
                    .thenNoEvents()
                    .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.RUNNING, ServiceStatus.RUNNING,
                            false, "already running"));
        }

        @Test
        void anOfflineServiceIsRefused() {
            threeServers()
                    .given(paused(FE01, IM_CONF), drained(FE01, IM_CONF), stopped(FE01, IM_CONF))
                    .when(resume(FE01, IM_CONF))
                    .thenRejected(RejectionCode.SERVICE_OFFLINE, "start it instead");
        }
    }

    @Nested
    class Start {
        @Test
        void anOfflineServiceRuns() {
            threeServers()
                    .given(paused(FE01, IM_CONF), drained(FE01, IM_CONF), stopped(FE01, IM_CONF))
                    .when(start(FE01, IM_CONF))
                    .thenEvents(new ServiceStarted(T0, FE01, IM_CONF, "admin", null))
                    .thenStatus(FE01, IM_CONF, ServiceStatus.RUNNING)
                    .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.OFFLINE, ServiceStatus.RUNNING,
                            true, null));
        }

        @Test
        void anOfflineManualServiceRuns() {
            threeServers()
                    .given(stopped(FE01, IM_CONF),
                            startupChanged(FE01, IM_CONF, StartupType.AUTOMATIC, StartupType.MANUAL))
                    .when(start(FE01, IM_CONF))
                    .thenEvents(new ServiceStarted(T0, FE01, IM_CONF, "admin", null));
        }

        @Test
        void aDisabledServiceIsRefused() {
            threeServers()
                    .given(stopped(FE01, IM_CONF),
                            startupChanged(FE01, IM_CONF, StartupType.AUTOMATIC, StartupType.DISABLED))
                    .when(start(FE01, IM_CONF))
                    .thenRejected(RejectionCode.STARTUP_DISABLED, "manual or automatic");
        }

        @Test
        void aRunningServiceIsUnchanged() {
            threeServers()
                    .when(start(FE01, IM_CONF))
                    .thenNoEvents()
                    .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.RUNNING, ServiceStatus.RUNNING,
                            false, "already running"));
        }

        @Test
        void aPausedServiceIsUnchangedAndTheNoteSaysToResumeIt() {
            threeServers()
                    .given(paused(FE01, IM_CONF), drained(FE01, IM_CONF))
                    .when(start(FE01, IM_CONF))
                    .thenNoEvents()
                    .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.DRAINED, ServiceStatus.DRAINED,
                            false, "already started but paused: resume it to take connections"));
        }

        @Test
        void aPausingServiceIsUnchanged() {
            threeServers()
                    .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"), paused(FE01, IM_CONF))
                    .when(start(FE01, IM_CONF))
                    .thenNoEvents()
                    .thenStatus(FE01, IM_CONF, ServiceStatus.PAUSING);
        }
    }

    @Nested
    class Stop {
        @Test
        void aDrainedServiceGoesOffline() {
            threeServers()
                    .given(paused(FE01, IM_CONF), drained(FE01, IM_CONF))
                    .when(stop(FE01, IM_CONF))
                    .thenEvents(new ServiceStopped(T0, FE01, IM_CONF, false, "admin", null))
                    .thenStatus(FE01, IM_CONF, ServiceStatus.OFFLINE)
                    .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.DRAINED, ServiceStatus.OFFLINE,
                            true, null))
                    .thenWarnings();
        }

        @Test
        void anIdleRunningServiceGoesOffline() {
            threeServers()
                    .when(stop(FE01, IM_CONF))
                    .thenEvents(new ServiceStopped(T0, FE01, IM_CONF, false, "admin", null));
        }

        @Test
        void aServiceWithSessionsIsRefused() {
            Scenario s = threeServers()
                    .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"),
                            sessionStarted(FE01, IM_CONF, "s2", "im-conferencing"), paused(FE01, IM_CONF))
                    .when(stop(FE01, IM_CONF))
                    .thenRejected(RejectionCode.SESSIONS_ACTIVE);
            assertThat(s.rejection().message()).as("it is paused already: waiting is all there is to do")
                    .isEqualTo("Lync Server IM Conferencing on fe01 still has 2"
                    + " session(s): wait until it is drained, or force the stop to interrupt them.");
        }

        @Test
        void aRunningServiceWithSessionsIsRefused() {
            threeServers()
                    .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"))
                    .when(stop(FE01, IM_CONF))
                    .thenRejected(RejectionCode.SESSIONS_ACTIVE);
        }

        @Test
        void aForcedStopInterruptsTheSessions() {
            threeServers()
                    .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"),
                            sessionStarted(FE01, IM_CONF, "s2", "im-conferencing"), paused(FE01, IM_CONF))
                    .when(stopForced(FE01, IM_CONF))
                    .thenEvents(
                            new SessionInterrupted(T0, FE01, IM_CONF, "s1", "im-conferencing",
                                    InterruptionCause.FORCED_STOP),
                            new SessionInterrupted(T0, FE01, IM_CONF, "s2", "im-conferencing",
                                    InterruptionCause.FORCED_STOP),
                            new ServiceStopped(T0, FE01, IM_CONF, true, "admin", null))
                    .thenStatus(FE01, IM_CONF, ServiceStatus.OFFLINE)
                    .thenWarnings(WarningCode.SESSIONS_INTERRUPTED);
        }

        @Test
        void theInterruptionWarningCountsTheSessions() {
            Scenario s = threeServers()
                    .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"),
                            sessionStarted(FE01, IM_CONF, "s2", "im-conferencing"))
                    .when(stopForced(FE01, IM_CONF));
            assertThat(s.decision().warnings())
                    .containsExactly(new Warning(WarningCode.SESSIONS_INTERRUPTED,
                            "forced: 2 session(s) interrupted."));
            assertThat(s.service(FE01, IM_CONF).sessions()).isEmpty();
        }

        @Test
        void aForcedStopOfAnIdleServiceIsRecordedAsForced() {
            threeServers()
                    .when(stopForced(FE01, IM_CONF))
                    .thenEvents(new ServiceStopped(T0, FE01, IM_CONF, true, "admin", null))
                    .thenWarnings();
        }

        @Test
        void anOfflineServiceIsUnchanged() {
            threeServers()
                    .given(stopped(FE01, IM_CONF))
                    .when(stop(FE01, IM_CONF))
                    .thenNoEvents()
                    .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.OFFLINE, ServiceStatus.OFFLINE,
                            false, "already offline"));
        }
    }

    @Nested
    class StartupTypes {
        @Test
        void canChangeWhileRunningAndTakesEffectOnlyAtTheNextRestart() {
            Scenario s = threeServers()
                    .when(startup(FE01, IM_CONF, StartupType.MANUAL))
                    .thenEvents(new StartupTypeChanged(T0, FE01, IM_CONF, StartupType.AUTOMATIC,
                            StartupType.MANUAL, "admin", null))
                    .thenStatus(FE01, IM_CONF, ServiceStatus.RUNNING)
                    .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.RUNNING, ServiceStatus.RUNNING,
                            true, null));
            assertThat(s.service(FE01, IM_CONF).startup()).isEqualTo(StartupType.MANUAL);
        }

        @Test
        void canChangeWhilePausing() {
            threeServers()
                    .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"), paused(FE01, IM_CONF))
                    .when(startup(FE01, IM_CONF, StartupType.DISABLED))
                    .thenEvents(new StartupTypeChanged(T0, FE01, IM_CONF, StartupType.AUTOMATIC,
                            StartupType.DISABLED, "admin", null))
                    .thenStatus(FE01, IM_CONF, ServiceStatus.PAUSING);
        }

        @Test
        void canChangeWhileOffline() {
            Scenario s = threeServers()
                    .given(stopped(FE01, IM_CONF),
                            startupChanged(FE01, IM_CONF, StartupType.AUTOMATIC, StartupType.DISABLED))
                    .when(startup(FE01, IM_CONF, StartupType.MANUAL))
                    .thenEvents(new StartupTypeChanged(T0, FE01, IM_CONF, StartupType.DISABLED,
                            StartupType.MANUAL, "admin", null))
                    .thenStatus(FE01, IM_CONF, ServiceStatus.OFFLINE);
            s.when(start(FE01, IM_CONF)).thenStatus(FE01, IM_CONF, ServiceStatus.RUNNING);
        }

        @Test
        void theSameTypeIsUnchanged() {
            threeServers()
                    .when(startup(FE01, IM_CONF, StartupType.AUTOMATIC))
                    .thenNoEvents()
                    .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.RUNNING, ServiceStatus.RUNNING,
                            false, "startup type already automatic"));
        }
    }
}
