package io.quiesce.rules;

import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command.AddServer;
import io.quiesce.command.Command.Connect;
import io.quiesce.command.Command.CreatePool;
import io.quiesce.command.Command.End;
import io.quiesce.command.Command.Pause;
import io.quiesce.command.Command.Restart;
import io.quiesce.command.Command.Resume;
import io.quiesce.command.Command.SetDnsLoadBalancing;
import io.quiesce.command.Command.SetStartup;
import io.quiesce.command.Command.Start;
import io.quiesce.command.Command.Stop;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.DnsLoadBalancingChanged;
import io.quiesce.event.Event.PoolCreated;
import io.quiesce.event.Event.ServerAdded;
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
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.POOL;
import static io.quiesce.rules.Scenario.ROLE;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.scenario;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.stopped;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 17: every event records when, and administrative ones who and why. */
class AuditTest {

    private static final Instant AT = Instant.parse("2026-12-01T08:15:30Z");
    private static final Principal ALICE = Principal.of("alice", "Administrators");
    private static final String WHY = "monthly patches";
    private static final Act ACT = new Act(ALICE, AT, WHY);

    @Test
    void poolEvents() {
        Scenario s = scenario()
                .when(new CreatePool(POOL, true, ACT))
                .thenEvents(new PoolCreated(AT, POOL, true, "alice", WHY));
        s.when(new SetDnsLoadBalancing(POOL, false, ACT))
                .thenEvents(new DnsLoadBalancingChanged(AT, POOL, false, "alice", WHY));
        s.when(new AddServer(POOL, FE01, null, ACT))
                .thenEvents(new ServerAdded(AT, POOL, FE01, ROLE.name(), FRONT_END, ROLE.serviceNames(), "alice", WHY));
        assertThat(s.service(FE01, FRONT_END).since()).isEqualTo(AT);
    }

    @Test
    void serviceEvents() {
        Scenario s = threeServers();
        s.when(new Pause(FE01, IM_CONF, Duration.ofMinutes(5), false, ACT))
                .thenEvents(new ServicePaused(AT, FE01, IM_CONF, AT.plusSeconds(300), "alice", WHY),
                        new ServiceDrained(AT, FE01, IM_CONF));
        s.when(new Resume(FE01, IM_CONF, ACT))
                .thenEvents(new ServiceResumed(AT, FE01, IM_CONF, "alice", WHY));
        s.when(new SetStartup(FE01, IM_CONF, StartupType.MANUAL, ACT))
                .thenEvents(new StartupTypeChanged(AT, FE01, IM_CONF, StartupType.AUTOMATIC, StartupType.MANUAL,
                        "alice", WHY));
        s.when(new Stop(FE01, IM_CONF, false, ACT))
                .thenEvents(new ServiceStopped(AT, FE01, IM_CONF, false, "alice", WHY));
        s.when(new Start(FE01, IM_CONF, ACT))
                .thenEvents(new ServiceStarted(AT, FE01, IM_CONF, "alice", WHY));
        assertThat(s.service(FE01, IM_CONF).since()).isEqualTo(AT);
    }

    @Test
    void restartEvents() {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                .when(new Restart(FE01, true, ACT));
        assertThat(s.accepted().events()).startsWith(
                new ServerRestarted(AT, FE01, true, "alice", WHY),
                new SessionInterrupted(AT, FE01, FRONT_END, "s1", "im", InterruptionCause.RESTART),
                new ServiceRestarted(AT, FE01, FRONT_END, ServiceStatus.RUNNING, ServiceStatus.RUNNING, false));
        assertThat(s.accepted().events()).allSatisfy(e -> assertThat(e.at()).isEqualTo(AT));
    }

    @Test
    void sessionEvents() {
        Scenario s = pool(true, FE01);
        s.when(new Connect(POOL, "im", "s1", ACT))
                .thenEvents(new SessionStarted(AT, FE01, FRONT_END, "s1", "im", "alice"));
        s.when(new End("s1", ACT))
                .thenEvents(new SessionEnded(AT, FE01, FRONT_END, "s1", "alice"));
        s.given(paused(FE01, FRONT_END))
                .when(new Connect(POOL, "im", "s2", ACT))
                .thenEvents(new ConnectionLost(AT, POOL, "im", "s2", "alice"));
    }

    @Test
    void aForcedStopRecordsWhenEachSessionWasCut() {
        threeServers()
                .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"))
                .when(new Stop(FE01, IM_CONF, true, ACT))
                .thenEvents(new SessionInterrupted(AT, FE01, IM_CONF, "s1", "im-conferencing",
                                InterruptionCause.FORCED_STOP),
                        new ServiceStopped(AT, FE01, IM_CONF, true, "alice", WHY));
    }

    @Test
    void anActWithoutReasonRecordsNone() {
        Act act = Act.of(ALICE, AT);
        assertThat(act.reason()).isNull();
        threeServers()
                .given(stopped(FE01, IM_CONF))
                .when(new Start(FE01, IM_CONF, act))
                .thenEvents(new ServiceStarted(AT, FE01, IM_CONF, "alice", null));
    }
}
