package io.quiesce.rules;

import io.quiesce.event.Event;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.DnsLoadBalancingChanged;
import io.quiesce.event.Event.DrainDeadlinePassed;
import io.quiesce.event.Event.ServerRestarted;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.ServiceResumed;
import io.quiesce.event.Event.ServiceStarted;
import io.quiesce.event.Event.ServiceStopped;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.event.Event.StartupTypeChanged;
import io.quiesce.pool.PoolState;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.Session;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.POOL;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.poolCreated;
import static io.quiesce.rules.Scenario.serverAdded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** State is rebuilt by folding events: the evolve functions. */
class EvolveTest {

    private static final String SVC = "svc";
    private static final Instant T1 = T0.plusSeconds(10);
    private static final Instant T2 = T0.plusSeconds(20);
    private static final Instant DEADLINE = T0.plusSeconds(600);

    private static ServiceState state(ServiceStatus status, Instant deadline, String... sessions) {
        Map<String, Session> map = new java.util.LinkedHashMap<>();
        for (String id : sessions) {
            map.put(id, new Session(id, "im", T0));
        }
        return new ServiceState(FE01, SVC, status, StartupType.MANUAL, map, deadline, T0);
    }

    private static ServiceState state(ServiceStatus status, StartupType startup, Instant deadline,
                                      Map<String, Session> sessions, Instant since) {
        return new ServiceState(FE01, SVC, status, startup, sessions, deadline, since);
    }

    @Test
    void installedServicesRunAutomaticallyWithoutSessions() {
        assertThat(ServiceState.installed(FE01, SVC, T0))
                .isEqualTo(new ServiceState(FE01, SVC, ServiceStatus.RUNNING, StartupType.AUTOMATIC, Map.of(), null,
                        T0));
    }

    @Test
    void pausedKeepsSessionsAndRecordsTheDeadline() {
        assertThat(state(ServiceStatus.RUNNING, null, "a").evolve(new ServicePaused(T1, FE01, SVC, DEADLINE,
                "admin", null)))
                .isEqualTo(state(ServiceStatus.PAUSING, StartupType.MANUAL, DEADLINE,
                        Map.of("a", new Session("a", "im", T0)), T1));
    }

    @Test
    void drainedKeepsTheDeadline() {
        assertThat(state(ServiceStatus.PAUSING, DEADLINE).evolve(new ServiceDrained(T1, FE01, SVC)))
                .isEqualTo(state(ServiceStatus.DRAINED, StartupType.MANUAL, DEADLINE, Map.of(), T1));
    }

    @Test
    void resumedRunsAndCancelsTheDeadline() {
        assertThat(state(ServiceStatus.PAUSING, DEADLINE, "a").evolve(new ServiceResumed(T1, FE01, SVC, "x", null)))
                .isEqualTo(state(ServiceStatus.RUNNING, StartupType.MANUAL, null,
                        Map.of("a", new Session("a", "im", T0)), T1));
    }

    @Test
    void startedRuns() {
        assertThat(state(ServiceStatus.OFFLINE, null).evolve(new ServiceStarted(T1, FE01, SVC, "x", null)))
                .isEqualTo(state(ServiceStatus.RUNNING, StartupType.MANUAL, null, Map.of(), T1));
    }

    @Test
    void stoppedIsOfflineWithoutDeadline() {
        assertThat(state(ServiceStatus.DRAINED, DEADLINE).evolve(new ServiceStopped(T1, FE01, SVC, false, "x",
                null)))
                .isEqualTo(state(ServiceStatus.OFFLINE, StartupType.MANUAL, null, Map.of(), T1));
    }

    @Test
    void startupTypeChangesNothingElse() {
        assertThat(state(ServiceStatus.PAUSING, DEADLINE, "a").evolve(new StartupTypeChanged(T1, FE01, SVC,
                StartupType.MANUAL, StartupType.DISABLED, "x", null)))
                .isEqualTo(state(ServiceStatus.PAUSING, StartupType.DISABLED, DEADLINE,
                        Map.of("a", new Session("a", "im", T0)), T0));
    }

    @Test
    void aSessionStartsOnARunningServiceWithoutChangingItsStatusTime() {
        ServiceState next = state(ServiceStatus.RUNNING, null, "a")
                .evolve(new SessionStarted(T1, FE01, SVC, "b", "calls", "x"));
        assertThat(next.status()).isEqualTo(ServiceStatus.RUNNING);
        assertThat(next.since()).isEqualTo(T0);
        assertThat(next.sessions()).containsExactly(Map.entry("a", new Session("a", "im", T0)),
                Map.entry("b", new Session("b", "calls", T1)));
        assertThat(next.sessionCount()).isEqualTo(2);
        assertThat(next.hasSessions()).isTrue();
    }

    @Test
    void aSessionOnAPausingServiceKeepsItPausing() {
        ServiceState next = state(ServiceStatus.PAUSING, DEADLINE, "a")
                .evolve(new SessionStarted(T1, FE01, SVC, "b", "call-park", "x"));
        assertThat(next.status()).isEqualTo(ServiceStatus.PAUSING);
        assertThat(next.since()).isEqualTo(T0);
        assertThat(next.deadline()).isEqualTo(DEADLINE);
    }

    @Test
    void aSessionOnADrainedServiceMakesItPausingAgain() {
        ServiceState next = state(ServiceStatus.DRAINED, DEADLINE)
                .evolve(new SessionStarted(T1, FE01, SVC, "b", "call-park", "x"));
        assertThat(next).isEqualTo(state(ServiceStatus.PAUSING, StartupType.MANUAL, DEADLINE,
                Map.of("b", new Session("b", "call-park", T1)), T1));
    }

    @Test
    void endedAndInterruptedSessionsLeave() {
        ServiceState s = state(ServiceStatus.PAUSING, DEADLINE, "a", "b", "c");
        ServiceState next = s.evolve(new SessionEnded(T1, FE01, SVC, "b", "x"))
                .evolve(new SessionInterrupted(T2, FE01, SVC, "a", "im", InterruptionCause.FORCED_STOP));
        assertThat(next).isEqualTo(state(ServiceStatus.PAUSING, StartupType.MANUAL, DEADLINE,
                Map.of("c", new Session("c", "im", T0)), T0));
        assertThat(next.hasSessions()).isTrue();
    }

    @Test
    void restartedTakesTheNewStatusAndForgetsSessionsAndDeadline() {
        assertThat(state(ServiceStatus.PAUSING, DEADLINE, "a").evolve(new ServiceRestarted(T1, FE01, SVC,
                ServiceStatus.PAUSING, ServiceStatus.OFFLINE, false)))
                .isEqualTo(state(ServiceStatus.OFFLINE, StartupType.MANUAL, null, Map.of(), T1));
    }

    @Test
    void aPassedDeadlineIsForgottenButTheStatusStays() {
        assertThat(state(ServiceStatus.PAUSING, DEADLINE, "a").evolve(new DrainDeadlinePassed(T1, FE01, SVC)))
                .isEqualTo(state(ServiceStatus.PAUSING, StartupType.MANUAL, null,
                        Map.of("a", new Session("a", "im", T0)), T0));
    }

    @Test
    void anEmptyDeploymentHasNothing() {
        Deployment d = Deployment.empty();
        assertThat(d.pools()).isEmpty();
        assertThat(d.servers()).isEmpty();
        assertThat(d.pendingDeadlines()).isEmpty();
        assertThat(d.nextDeadline()).isEmpty();
        assertThat(d.pool(POOL)).isEmpty();
        assertThat(d.server(FE01)).isEmpty();
        assertThat(d.serviceWithSession("s1")).isEmpty();
    }

    @Test
    void foldingAListEqualsFoldingOneByOne() {
        List<Event> events = List.of(poolCreated(false), serverAdded(FE01),
                new SessionStarted(T1, FE01, Scenario.FRONT_END, "s1", "im", "admin"),
                new ServicePaused(T1, FE01, Scenario.FRONT_END, DEADLINE, "admin", null),
                new ConnectionLost(T2, POOL, "im", "s2", "admin"),
                new DnsLoadBalancingChanged(T2, POOL, true, "admin", null));
        Deployment oneByOne = Deployment.empty();
        for (Event e : events) {
            oneByOne = oneByOne.evolve(e);
        }
        Deployment folded = Deployment.empty().evolve(events);
        assertThat(folded).isEqualTo(oneByOne);
        assertThat(folded.pool(POOL)).contains(new PoolState(POOL, true, List.of(FE01), 1));
        assertThat(folded.serviceWithSession("s1")).contains(folded.server(FE01).orElseThrow()
                .service(Scenario.FRONT_END));
        assertThat(folded.nextDeadline()).contains(DEADLINE);
    }

    @Test
    void evolvingLeavesTheEarlierDeploymentAlone() {
        Deployment before = Deployment.empty().evolve(List.of(poolCreated(true), serverAdded(FE01)));
        Deployment after = before.evolve(new ServicePaused(T1, FE01, Scenario.FRONT_END, null, "admin", null));
        assertThat(before.server(FE01).orElseThrow().service(Scenario.FRONT_END).status())
                .isEqualTo(ServiceStatus.RUNNING);
        assertThat(after.server(FE01).orElseThrow().service(Scenario.FRONT_END).status())
                .isEqualTo(ServiceStatus.PAUSING);
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aServerRestartedEventAloneChangesNothing() {
        Deployment before = Deployment.empty().evolve(List.of(poolCreated(true), serverAdded(FE01)));
        assertThat(before.evolve(new ServerRestarted(T1, FE01, false, "admin", null))).isEqualTo(before);
    }

    @Test
    void aDeploymentCopiesItsMaps() {
        Map<String, PoolState> pools = new HashMap<>();
        pools.put(POOL, PoolState.created(POOL, true));
        Deployment d = new Deployment(pools, new HashMap<>());
        pools.clear();
        assertThat(d.pool(POOL)).isPresent();
        assertThatThrownBy(() -> d.pools().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void poolStateSteps() {
        PoolState p = PoolState.created(POOL, false);
        assertThat(p).isEqualTo(new PoolState(POOL, false, List.of(), 0));
        assertThat(p.withServer("a").withServer("b").servers()).containsExactly("a", "b");
        assertThat(p.withDnsLoadBalancing(true).dnsLoadBalancing()).isTrue();
        assertThat(p.withLostConnection().withLostConnection().lostConnections()).isEqualTo(2);
        assertThat(p.servers()).isEmpty();
    }

    @Test
    void serviceEventsOfEveryKindFoldThroughTheDeployment() {
        Deployment d = Deployment.empty().evolve(List.of(poolCreated(true), serverAdded(FE01)));
        String svc = Scenario.IM_CONF;
        d = d.evolve(List.of(
                new StartupTypeChanged(T1, FE01, svc, StartupType.AUTOMATIC, StartupType.MANUAL, "a", null),
                new SessionStarted(T1, FE01, svc, "s1", "im-conferencing", "a"),
                new ServicePaused(T1, FE01, svc, DEADLINE, "a", null),
                new DrainDeadlinePassed(DEADLINE, FE01, svc),
                new SessionInterrupted(DEADLINE, FE01, svc, "s1", "im-conferencing", InterruptionCause.DRAIN_DEADLINE),
                new ServiceDrained(DEADLINE, FE01, svc)));
        assertThat(d.server(FE01).orElseThrow().service(svc))
                .isEqualTo(new ServiceState(FE01, svc, ServiceStatus.DRAINED, StartupType.MANUAL, Map.of(), null,
                        DEADLINE));
    }

    @Test
    void aServiceStateRecoveredOnItsOwnReplacesTheOneInTheDeployment() {
        Deployment d = Deployment.empty().evolve(List.of(poolCreated(true), serverAdded(FE01)));
        ServiceState recovered = new ServiceState(FE01, Scenario.CALL_PARK, ServiceStatus.DRAINED,
                StartupType.MANUAL, Map.of(), DEADLINE, T1);
        Deployment next = d.withService(recovered);
        assertThat(next.server(FE01).orElseThrow().service(Scenario.CALL_PARK)).isEqualTo(recovered);
        assertThat(next.server(FE01).orElseThrow().services()).hasSize(9);
        assertThat(next.nextDeadline()).contains(DEADLINE);
        assertThat(d.server(FE01).orElseThrow().service(Scenario.CALL_PARK).status())
                .isEqualTo(ServiceStatus.RUNNING);
    }

    @Test
    void aPoolFoldsOnlyItsLaterEvents() {
        PoolState p = PoolState.created(POOL, true)
                .evolve(serverAdded(FE01))
                .evolve(new DnsLoadBalancingChanged(T1, POOL, false, "admin", null))
                .evolve(new ConnectionLost(T2, POOL, "im", "s1", "admin"));
        assertThat(p).isEqualTo(new PoolState(POOL, false, List.of(FE01), 1));
        assertThatThrownBy(() -> p.evolve(poolCreated(true))).isInstanceOf(IllegalArgumentException.class);
    }
}
