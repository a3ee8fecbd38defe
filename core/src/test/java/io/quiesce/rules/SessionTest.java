package io.quiesce.rules;

import io.quiesce.command.Command.Connect;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.act;
import static io.quiesce.rules.Scenario.connect;
import static io.quiesce.rules.Scenario.drained;
import static io.quiesce.rules.Scenario.end;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.stopped;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules 6 (new session) and 7 (session end). */
class SessionTest {

    @Test
    void aRunningServiceTakesANewSession() {
        Scenario s = pool(true, FE01)
                .when(connect("im", "s1"))
                .thenEvents(new SessionStarted(T0, FE01, FRONT_END, "s1", "im", "admin"))
                .thenWarnings();
        assertThat(s.service(FE01, FRONT_END).sessions())
                .containsExactly(Map.entry("s1", new Session("s1", "im", T0)));
        assertThat(s.accepted().outcomes()).containsExactly(new ServiceOutcome(FE01, FRONT_END,
                ServiceStatus.RUNNING, ServiceStatus.RUNNING, true, null));
    }

    @Test
    void theFeatureIdIsMatchedIgnoringCase() {
        Scenario s = pool(true, FE01).when(connect("IM-Conferencing", "s1"));
        assertThat(s.accepted().events()).singleElement().isInstanceOfSatisfying(SessionStarted.class, e -> {
            assertThat(e.server()).isEqualTo(FE01);
            assertThat(e.service()).isEqualTo(IM_CONF);
            assertThat(e.session()).isEqualTo("s1");
        });
    }

    @Test
    void aPausingServiceTakesNoNewSession() {
        pool(true, FE01)
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"), paused(FE01, FRONT_END))
                .when(connect("im", "s2"))
                .thenEvents(new io.quiesce.event.Event.ConnectionLost(T0, "pool1", "im", "s2", "admin"));
    }

    @Test
    void anOfflineServiceTakesNoNewSession() {
        pool(true, FE01)
                .given(stopped(FE01, IM_CONF))
                .when(connect("im-conferencing", "s1"))
                .thenEvents(new io.quiesce.event.Event.ConnectionLost(T0, "pool1", "im-conferencing", "s1",
                        "admin"));
    }

    @Test
    void aDuplicateSessionIdIsRefused() {
        pool(true, FE01)
                .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"))
                .when(connect("im", "s1"))
                .thenRejected(RejectionCode.DUPLICATE_SESSION, "s1");
    }

    @Test
    void anIdOfASessionThatEndedMayBeUsedAgain() {
        pool(true, FE01)
                .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"),
                        new SessionEnded(T0, FE01, IM_CONF, "s1", "admin"))
                .when(connect("im", "s1"))
                .thenEvents(new SessionStarted(T0, FE01, FRONT_END, "s1", "im", "admin"));
    }

    @Test
    void anUnknownFeatureIsRefused() {
        pool(true, FE01)
                .when(connect("fax", "s1"))
                .thenRejected(RejectionCode.UNKNOWN_FEATURE, "fax");
    }

    @Test
    void aSessionWithoutAFeatureIsRefusedAsAnUnknownFeature() {
        pool(true, FE01)
                .when(connect(null, "s1"))
                .thenRejected(RejectionCode.UNKNOWN_FEATURE, "null");
    }

    @Test
    void aFeatureIsFoundWhateverTheCaseOfItsId() {
        pool(true, FE01)
                .when(connect("IM", "s1"))
                .thenEvents(new SessionStarted(T0, FE01, FRONT_END, "s1", "IM", "admin"));
    }

    @Test
    void anUnknownPoolIsRefused() {
        pool(true, FE01)
                .when(new Connect("pool9", "im", "s1", act()))
                .thenRejected(RejectionCode.UNKNOWN_POOL, "pool9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aSessionNeedsAnId(String id) {
        pool(true, FE01)
                .when(connect("im", id))
                .thenRejected(RejectionCode.INVALID_ARGUMENT);
    }

    @Test
    void aSessionNeedsAnIdNotNull() {
        pool(true, FE01)
                .when(connect("im", null))
                .thenRejected(RejectionCode.INVALID_ARGUMENT);
    }

    @Test
    void anEndedSessionLeavesARunningServiceRunning() {
        Scenario s = pool(true, FE01)
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                .when(end("s1"))
                .thenEvents(new SessionEnded(T0, FE01, FRONT_END, "s1", "admin"))
                .thenStatus(FE01, FRONT_END, ServiceStatus.RUNNING);
        assertThat(s.service(FE01, FRONT_END).sessions()).isEmpty();
    }

    @Test
    void theLastSessionOfAPausingServiceDrainsIt() {
        var later = T0.plusSeconds(600);
        Scenario s = pool(true, FE01)
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"), paused(FE01, FRONT_END))
                .when(new io.quiesce.command.Command.End("s1", act(later)))
                .thenEvents(new SessionEnded(later, FE01, FRONT_END, "s1", "admin"),
                        new ServiceDrained(later, FE01, FRONT_END))
                .thenStatus(FE01, FRONT_END, ServiceStatus.DRAINED)
                .thenOutcomes(new ServiceOutcome(FE01, FRONT_END, ServiceStatus.PAUSING, ServiceStatus.DRAINED,
                        true, null));
        assertThat(s.service(FE01, FRONT_END).since()).as("when it was drained").isEqualTo(later);
    }

    @Test
    void aSessionThatIsNotTheLastLeavesThePausingServicePausing() {
        pool(true, FE01)
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"), sessionStarted(FE01, FRONT_END, "s2", "im"),
                        paused(FE01, FRONT_END))
                .when(end("s1"))
                .thenEvents(new SessionEnded(T0, FE01, FRONT_END, "s1", "admin"))
                .thenStatus(FE01, FRONT_END, ServiceStatus.PAUSING)
                .when(end("s2"))
                .thenEvents(new SessionEnded(T0, FE01, FRONT_END, "s2", "admin"),
                        new ServiceDrained(T0, FE01, FRONT_END))
                .thenStatus(FE01, FRONT_END, ServiceStatus.DRAINED);
    }

    @Test
    void anUnknownSessionIsRefused() {
        pool(true, FE01)
                .when(end("nope"))
                .thenRejected(RejectionCode.UNKNOWN_SESSION, "nope");
    }

    @Test
    void aSessionEndsOnlyOnce() {
        pool(true, FE01)
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                .givenCommands(end("s1"))
                .when(end("s1"))
                .thenRejected(RejectionCode.UNKNOWN_SESSION);
    }

    @Test
    void aServiceThatDoesNotTakeTheSessionRefusesItWhenAskedDirectly() {
        Scenario s = pool(true, FE01).given(paused(FE01, IM_CONF), drained(FE01, IM_CONF));
        ServiceState drainedService = s.service(FE01, IM_CONF);
        Step step = ServiceDecider.openSession(drainedService, "s1", "im-conferencing", false, act());
        assertThat(step.refusal().code()).isEqualTo(RejectionCode.NOT_ACCEPTING);
        assertThat(step.refusal().message()).isEqualTo("Lync Server IM Conferencing on fe01 is drained and takes"
                + " no new connection: route it to a running server.");
        assertThat(step.events()).isEmpty();
    }

    @Test
    void anOfflineServiceRefusesEvenUnderTheDnsException() {
        Scenario s = pool(false, FE01).given(stopped(FE01, IM_CONF));
        ServiceState offline = s.service(FE01, IM_CONF);
        assertThat(ServiceDecider.takesNewSession(offline, true)).isFalse();
        assertThat(ServiceDecider.openSession(offline, "s1", "x", true, act()).refusal().code())
                .isEqualTo(RejectionCode.NOT_ACCEPTING);
    }

    @Test
    void whoTakesANewSession() {
        Scenario s = pool(true, FE01, "fe02", "fe03", "fe04")
                .given(sessionStarted("fe02", IM_CONF, "x", "im-conferencing"), paused("fe02", IM_CONF),
                        paused("fe03", IM_CONF), drained("fe03", IM_CONF), stopped("fe04", IM_CONF));
        ServiceState running = s.service(FE01, IM_CONF);
        ServiceState pausing = s.service("fe02", IM_CONF);
        ServiceState drainedService = s.service("fe03", IM_CONF);
        ServiceState offline = s.service("fe04", IM_CONF);
        assertThat(ServiceDecider.takesNewSession(running, false)).isTrue();
        assertThat(ServiceDecider.takesNewSession(running, true)).isTrue();
        assertThat(ServiceDecider.takesNewSession(pausing, false)).isFalse();
        assertThat(ServiceDecider.takesNewSession(pausing, true)).isTrue();
        assertThat(ServiceDecider.takesNewSession(drainedService, false)).isFalse();
        assertThat(ServiceDecider.takesNewSession(drainedService, true)).isTrue();
        assertThat(ServiceDecider.takesNewSession(offline, false)).isFalse();
        assertThat(ServiceDecider.takesNewSession(offline, true)).isFalse();
    }
}
