package io.quiesce.rules;

import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import static io.quiesce.rules.Scenario.CALL_PARK;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FE02;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.ROLE;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.restart;
import static io.quiesce.rules.Scenario.serverDrained;
import static io.quiesce.rules.Scenario.serverOffline;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.stop;
import static io.quiesce.rules.Scenario.stopForced;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rule 15: what taking a server offline or restarting it would do now. */
class PlanTest {

    @Test
    void aBusyServerListsItsSessionsAndCannotGoOfflineWithoutForce() {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"),
                        sessionStarted(FE01, IM_CONF, "s2", "im-conferencing"));
        Plan plan = s.plan(FE01);

        assertThat(plan.server()).isEqualTo(FE01);
        assertThat(plan.pool()).isEqualTo("pool1");
        assertThat(plan.status()).isEqualTo(ServiceStatus.RUNNING);
        assertThat(plan.sessions()).containsExactly(
                new Plan.SessionView(FRONT_END, "s1", "im", T0),
                new Plan.SessionView(IM_CONF, "s2", "im-conferencing", T0));

        assertThat(plan.stop().blocked()).isNull();
        assertThat(plan.stop().guards()).extracting(Rejection::code)
                .containsExactly(RejectionCode.SESSIONS_ACTIVE, RejectionCode.SESSIONS_ACTIVE);
        assertThat(plan.stop().allowedNow()).isFalse();
        assertThat(plan.stop().outcomes()).hasSize(9)
                .allSatisfy(o -> assertThat(o.after()).isEqualTo(ServiceStatus.OFFLINE));
        assertThat(plan.stop().warnings()).extracting(Warning::code)
                .containsExactly(WarningCode.SESSIONS_INTERRUPTED);

        assertThat(plan.restart().blocked()).isNull();
        assertThat(plan.restart().guards()).extracting(Rejection::code)
                .containsExactly(RejectionCode.SESSIONS_ACTIVE);
        assertThat(plan.restart().allowedNow()).isFalse();
        assertThat(plan.restart().warnings()).extracting(Warning::code)
                .containsExactly(WarningCode.GUARD_OVERRIDDEN, WarningCode.SESSIONS_INTERRUPTED);
    }

    @Test
    void thePlanAgreesWithTheDecisionWithoutForce() {
        Scenario s = threeServers().given(sessionStarted(FE01, FRONT_END, "s1", "im"));
        Plan plan = s.plan(FE01);
        s.when(stop(FE01, null)).thenRejected(plan.stop().guards().get(0).code());
        s.when(restart(FE01)).thenRejected(plan.restart().guards().get(0).code());
    }

    @Test
    void aDrainedServerCanGoOfflineNow() {
        Plan plan = threeServers().given(serverDrained(FE01)).plan(FE01);
        assertThat(plan.status()).isEqualTo(ServiceStatus.DRAINED);
        assertThat(plan.sessions()).isEmpty();
        assertThat(plan.stop().allowedNow()).isTrue();
        assertThat(plan.stop().guards()).isEmpty();
        assertThat(plan.stop().warnings()).isEmpty();
        assertThat(plan.stop().outcomes()).containsExactlyElementsOf(ROLE.serviceNames().stream()
                .map(n -> new ServiceOutcome(FE01, n, ServiceStatus.DRAINED, ServiceStatus.OFFLINE, true, null))
                .toList());
    }

    @Test
    void restartingAPausedServerIsWarnedAboutBeforehand() {
        Plan plan = threeServers().given(serverDrained(FE01)).plan(FE01);
        assertThat(plan.restart().allowedNow()).isTrue();
        assertThat(plan.restart().warnings()).hasSize(9)
                .allSatisfy(w -> assertThat(w.code()).isEqualTo(WarningCode.PAUSE_CLEARED_BY_RESTART));
        assertThat(plan.restart().outcomes()).containsExactlyElementsOf(ROLE.serviceNames().stream()
                .map(n -> new ServiceOutcome(FE01, n, ServiceStatus.DRAINED, ServiceStatus.RUNNING, true, null))
                .toList());
    }

    @Test
    void guardsThatWouldRefuseAreListed() {
        Plan plan = threeServers().given(serverOffline(FE02)).plan(FE01);
        assertThat(plan.stop().guards()).extracting(Rejection::code).containsExactly(RejectionCode.QUORUM_GUARD);
        assertThat(plan.stop().allowedNow()).isFalse();
        assertThat(plan.stop().warnings()).as("what stop --force would warn")
                .extracting(Warning::message).containsExactly("forced: stopping fe01 leaves pool pool1 with 1 of 3"
                        + " servers up, below its quorum of 2.");
        assertThat(plan.stop().warnings())
                .isEqualTo(threeServers().given(serverOffline(FE02)).when(stopForced(FE01, null)).decision().warnings());
        assertThat(plan.restart().guards()).extracting(Rejection::code).containsExactly(RejectionCode.QUORUM_GUARD);
    }

    @Test
    void theCapacityGuardIsListed() {
        Plan plan = pool(true, FE01).plan(FE01);
        assertThat(plan.stop().guards()).extracting(Rejection::code)
                .contains(RejectionCode.CAPACITY_GUARD, RejectionCode.QUORUM_GUARD);
        assertThat(plan.restart().guards()).extracting(Rejection::code)
                .contains(RejectionCode.CAPACITY_GUARD, RejectionCode.QUORUM_GUARD);
    }

    @Test
    void withoutDnsLbStrandedSessionsAndTheWarningAreListed() {
        Plan plan = pool(false, FE01, FE02, "fe03")
                .given(sessionStarted(FE01, CALL_PARK, "p1", "call-park"), paused(FE01, CALL_PARK))
                .plan(FE01);
        assertThat(plan.status()).isEqualTo(ServiceStatus.RUNNING);
        assertThat(plan.stop().guards()).extracting(Rejection::code)
                .containsExactly(RejectionCode.DNS_LB_SESSIONS);
        assertThat(plan.stop().warnings()).extracting(Warning::code).contains(WarningCode.DNS_LB_NOT_REROUTED,
                WarningCode.SESSIONS_INTERRUPTED);
        assertThat(plan.restart().warnings()).extracting(Warning::code)
                .contains(WarningCode.PAUSE_CLEARED_BY_RESTART);
    }

    @Test
    void planningChangesNothing() {
        Scenario s = threeServers().given(sessionStarted(FE01, FRONT_END, "s1", "im"));
        Deployment before = s.state();
        s.plan(FE01);
        assertThat(s.state()).isEqualTo(before);
        assertThat(s.service(FE01, FRONT_END).sessionCount()).isEqualTo(1);
    }

    @Test
    void anUnknownServerCannotBePlanned() {
        Scenario s = threeServers();
        assertThatThrownBy(() -> s.plan("fe99"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no server named fe99: check the name with status.");
    }

    @Test
    void previewAllowedNowNeedsNeitherBlockNorGuard() {
        Rejection r = new Rejection(RejectionCode.QUORUM_GUARD, "q");
        assertThat(new Plan.Preview(null, java.util.List.of(), java.util.List.of(), java.util.List.of())
                .allowedNow()).isTrue();
        assertThat(new Plan.Preview(r, java.util.List.of(), java.util.List.of(), java.util.List.of())
                .allowedNow()).isFalse();
        assertThat(new Plan.Preview(null, java.util.List.of(r), java.util.List.of(), java.util.List.of())
                .allowedNow()).isFalse();
    }
}
