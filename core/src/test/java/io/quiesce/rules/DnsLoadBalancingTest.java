package io.quiesce.rules;

import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServiceDrainingAgain;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.ServiceStopped;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import static io.quiesce.rules.Scenario.CALL_PARK;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FE02;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.POOL;
import static io.quiesce.rules.Scenario.RESPONSE_GROUP;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.connect;
import static io.quiesce.rules.Scenario.drained;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.stop;
import static io.quiesce.rules.Scenario.stopForced;
import static io.quiesce.rules.Scenario.stopped;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 6's exception and rule 14: features that rely on DNS load balancing. */
class DnsLoadBalancingTest {

    @Test
    void withoutDnsLbAPausingServiceStillTakesACallPark() {
        pool(false, FE01)
                .given(sessionStarted(FE01, CALL_PARK, "p0", "call-park"), paused(FE01, CALL_PARK))
                .when(connect("call-park", "p1"))
                .thenEvents(new SessionStarted(T0, FE01, CALL_PARK, "p1", "call-park", "admin"))
                .thenStatus(FE01, CALL_PARK, ServiceStatus.PAUSING);
    }

    @Test
    void withoutDnsLbADrainedServiceTakesACallParkAndGoesBackToPausing() {
        var later = T0.plusSeconds(60);
        Scenario s = pool(false, FE01)
                .given(paused(FE01, CALL_PARK), drained(FE01, CALL_PARK))
                .when(new io.quiesce.command.Command.Connect(POOL, "call-park", "p1", Scenario.act(later)))
                .thenEvents(new ServiceDrainingAgain(later, FE01, CALL_PARK),
                        new SessionStarted(later, FE01, CALL_PARK, "p1", "call-park", "admin"))
                .thenStatus(FE01, CALL_PARK, ServiceStatus.PAUSING)
                .thenOutcomes(new ServiceOutcome(FE01, CALL_PARK, ServiceStatus.DRAINED, ServiceStatus.PAUSING,
                        true, null));
        assertThat(s.service(FE01, CALL_PARK).since()).isEqualTo(later);
    }

    @Test
    void withDnsLbAPausedServiceDoesNotTakeACallPark() {
        pool(true, FE01)
                .given(paused(FE01, CALL_PARK), drained(FE01, CALL_PARK))
                .when(connect("call-park", "p1"))
                .thenEvents(new ConnectionLost(T0, POOL, "call-park", "p1", "admin"))
                .thenStatus(FE01, CALL_PARK, ServiceStatus.DRAINED);
    }

    @Test
    void withDnsLbTheCallParkGoesToARunningServer() {
        pool(true, FE01, FE02)
                .given(paused(FE01, CALL_PARK), drained(FE01, CALL_PARK))
                .when(connect("call-park", "p1"))
                .thenEvents(new SessionStarted(T0, FE02, CALL_PARK, "p1", "call-park", "admin"));
    }

    @Test
    void withoutDnsLbAPausedServiceDoesNotTakeAFeatureThatIsReRouted() {
        pool(false, FE01)
                .given(paused(FE01, IM_CONF), drained(FE01, IM_CONF))
                .when(connect("im-conferencing", "s1"))
                .thenEvents(new ConnectionLost(T0, POOL, "im-conferencing", "s1", "admin"))
                .thenStatus(FE01, IM_CONF, ServiceStatus.DRAINED);
    }

    @Test
    void withoutDnsLbAnOfflineServiceNeverTakesACallPark() {
        pool(false, FE01)
                .given(stopped(FE01, CALL_PARK))
                .when(connect("call-park", "p1"))
                .thenEvents(new ConnectionLost(T0, POOL, "call-park", "p1", "admin"));
    }

    @Test
    void withoutDnsLbAResponseGroupAnnouncementAlsoSticks() {
        pool(false, FE01)
                .given(paused(FE01, RESPONSE_GROUP), drained(FE01, RESPONSE_GROUP))
                .when(connect("announcement", "a1"))
                .thenEvents(new ServiceDrainingAgain(T0, FE01, RESPONSE_GROUP),
                        new SessionStarted(T0, FE01, RESPONSE_GROUP, "a1", "announcement", "admin"));
    }

    @Test
    void aSessionOnAPausingServiceIsAllItRecords() {
        pool(false, FE01)
                .given(sessionStarted(FE01, CALL_PARK, "p0", "call-park"), paused(FE01, CALL_PARK))
                .when(connect("call-park", "p1"))
                .thenEvents(new SessionStarted(T0, FE01, CALL_PARK, "p1", "call-park", "admin"))
                .thenStatus(FE01, CALL_PARK, ServiceStatus.PAUSING);
    }

    @Test
    void aDrainedServiceGoesBackToPausingByItsOwnEventNotBySessionStarted() {
        // The event alone says so: folded on its own, before any session.
        pool(false, FE01)
                .given(paused(FE01, CALL_PARK), drained(FE01, CALL_PARK),
                        new ServiceDrainingAgain(T0, FE01, CALL_PARK))
                .thenStatus(FE01, CALL_PARK, ServiceStatus.PAUSING);
    }

    @Test
    void pausingACallParkServiceWithoutDnsLbIsWarnedAbout() {
        Scenario s = pool(false, FE01, FE02)
                .when(pause(FE01, CALL_PARK))
                .thenEvents(new ServicePaused(T0, FE01, CALL_PARK, null, "admin", null),
                        new ServiceDrained(T0, FE01, CALL_PARK))
                .thenWarnings(WarningCode.DNS_LB_NOT_REROUTED);
        assertThat(s.decision().warnings().get(0).message()).isEqualTo("pool pool1 does not use DNS load"
                + " balancing: call-park sessions on Lync Server Call Park of fe01 are not re-routed and will be"
                + " interrupted when it goes offline.");
    }

    @Test
    void theWarningNamesEveryFeatureThatIsNotReRouted() {
        Scenario s = pool(false, FE01, FE02)
                .when(pause(FE01, RESPONSE_GROUP))
                .thenWarnings(WarningCode.DNS_LB_NOT_REROUTED);
        assertThat(s.decision().warnings().get(0).message()).contains("response-group, announcement sessions");
    }

    @Test
    void pausingACallParkServiceWithDnsLbIsNotWarnedAbout() {
        pool(true, FE01, FE02)
                .when(pause(FE01, CALL_PARK))
                .thenWarnings();
    }

    @Test
    void pausingAServiceWhoseFeaturesAreReRoutedIsNotWarnedAbout() {
        pool(false, FE01, FE02)
                .when(pause(FE01, IM_CONF))
                .thenWarnings();
    }

    @Test
    void pausingAnAlreadyPausedCallParkServiceIsNotWarnedAboutAgain() {
        pool(false, FE01, FE02)
                .given(paused(FE01, CALL_PARK), drained(FE01, CALL_PARK))
                .when(pause(FE01, CALL_PARK))
                .thenNoEvents()
                .thenWarnings();
    }

    @Test
    void stoppingACallParkServiceWithoutDnsLbIsWarnedAbout() {
        pool(false, FE01, FE02)
                .given(paused(FE01, CALL_PARK), drained(FE01, CALL_PARK))
                .when(stop(FE01, CALL_PARK))
                .thenEvents(new ServiceStopped(T0, FE01, CALL_PARK, false, "admin", null))
                .thenWarnings(WarningCode.DNS_LB_NOT_REROUTED);
    }

    @Test
    void stoppingACallParkServiceWithStrandedSessionsIsRefused() {
        Scenario s = pool(false, FE01, FE02)
                .given(sessionStarted(FE01, CALL_PARK, "p1", "call-park"), paused(FE01, CALL_PARK))
                .when(stop(FE01, CALL_PARK))
                .thenRejected(RejectionCode.DNS_LB_SESSIONS);
        assertThat(s.rejection().message()).isEqualTo("Lync Server Call Park on fe01 has 1 session(s) of features"
                + " that need DNS load balancing, which the pool lacks, so they were not re-routed: wait for them"
                + " to end, or force the stop to interrupt them.");
    }

    @Test
    void withDnsLbACallParkSessionIsJustAnActiveSession() {
        pool(true, FE01, FE02)
                .given(sessionStarted(FE01, CALL_PARK, "p1", "call-park"), paused(FE01, CALL_PARK))
                .when(stop(FE01, CALL_PARK))
                .thenRejected(RejectionCode.SESSIONS_ACTIVE);
    }

    @Test
    void forcingTheStopInterruptsTheStrandedSessionsAndWarns() {
        pool(false, FE01, FE02)
                .given(sessionStarted(FE01, CALL_PARK, "p1", "call-park"), paused(FE01, CALL_PARK))
                .when(stopForced(FE01, CALL_PARK))
                .thenEvents(new SessionInterrupted(T0, FE01, CALL_PARK, "p1", "call-park",
                                InterruptionCause.FORCED_STOP),
                        new ServiceStopped(T0, FE01, CALL_PARK, true, "admin", null))
                .thenWarnings(WarningCode.DNS_LB_NOT_REROUTED, WarningCode.SESSIONS_INTERRUPTED);
    }

    @Test
    void turningDnsLbOnEndsTheException() {
        pool(false, FE01)
                .given(paused(FE01, CALL_PARK), drained(FE01, CALL_PARK),
                        new io.quiesce.event.Event.DnsLoadBalancingChanged(T0, POOL, true, "admin", null))
                .when(connect("call-park", "p1"))
                .thenEvents(new ConnectionLost(T0, POOL, "call-park", "p1", "admin"));
    }

    @Test
    void theExceptionDoesNotApplyToTheFrontEnd() {
        pool(false, FE01)
                .given(paused(FE01, FRONT_END), drained(FE01, FRONT_END))
                .when(connect("im", "s1"))
                .thenEvents(new ConnectionLost(T0, POOL, "im", "s1", "admin"));
    }
}
