package io.quiesce.rules;

import io.quiesce.event.Event;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.pool.PoolState;
import io.quiesce.server.ServerState;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.Session;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static io.quiesce.rules.Scenario.ADMIN;
import static io.quiesce.rules.Scenario.CALL_PARK;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FE02;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.POOL;
import static io.quiesce.rules.Scenario.ROLE;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.connect;
import static io.quiesce.rules.Scenario.deadlinePassed;
import static io.quiesce.rules.Scenario.end;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.poolCreated;
import static io.quiesce.rules.Scenario.restartForced;
import static io.quiesce.rules.Scenario.serverAdded;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.stopForced;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment's index from session id to service: whatever changes the sessions, looking a
 * session up finds what searching every service finds, and the index is no part of the value.
 */
class SessionIndexTest {

    /** What {@link Deployment#serviceWithSession} must answer: the first holder, searching every service. */
    private static Optional<ServiceState> search(Deployment d, String session) {
        for (ServerState server : d.servers().values()) {
            for (ServiceState service : server.services().values()) {
                if (service.sessions().containsKey(session)) {
                    return Optional.of(service);
                }
            }
        }
        return Optional.empty();
    }

    /** Every id given and every id active: the index finds what a search finds (and nothing else). */
    private static void assertIndexMatchesSearch(Deployment d, String... ids) {
        TreeSet<String> all = new TreeSet<>(List.of(ids));
        d.servers().values().forEach(s -> s.services().values().forEach(svc -> all.addAll(svc.sessions().keySet())));
        for (String id : all) {
            assertThat(d.serviceWithSession(id)).as("session %s", id).isEqualTo(search(d, id));
        }
    }

    private static Optional<ServiceState> service(Deployment d, String server, String service) {
        return Optional.of(d.server(server).orElseThrow().service(service));
    }

    private static SessionEnded ended(String server, String service, String session) {
        return new SessionEnded(T0, server, service, session, ADMIN.name());
    }

    @Test
    void sessionsConnectedAndEndedThroughTheRulesAreFoundWhereTheyAre() {
        Scenario s = pool(true, FE01, FE02)
                .givenCommands(connect("im", "s1"), connect("im", "s2"), connect("im-conferencing", "s3"),
                        connect("call-park", "s4"));
        assertThat(s.state().serviceWithSession("s1").orElseThrow().sessions()).containsKey("s1");
        assertThat(s.state().serviceWithSession("s3").map(ServiceState::name)).contains(IM_CONF);
        assertIndexMatchesSearch(s.state(), "s1", "s2", "s3", "s4", "s5");

        s.when(end("s2")).thenEvents(new SessionEnded(T0, FE02, FRONT_END, "s2", "admin"));
        assertThat(s.state().serviceWithSession("s2")).isEmpty();
        assertThat(s.state().serviceWithSession("s1")).isPresent();
        assertIndexMatchesSearch(s.state(), "s1", "s2", "s3", "s4");

        s.when(connect("im", "s2")).thenEvents(new SessionStarted(T0, FE02, FRONT_END, "s2", "im", "admin"));
        s.when(connect("im", "s2")).thenRejected(RejectionCode.DUPLICATE_SESSION, "s2");
        s.when(end("s9")).thenRejected(RejectionCode.UNKNOWN_SESSION, "s9");
    }

    @Test
    void aForcedStopDropsTheInterruptedSessionsOnly() {
        Scenario s = pool(true, FE01, FE02)
                .given(sessionStarted(FE01, FRONT_END, "a", "im"), sessionStarted(FE01, FRONT_END, "b", "im"),
                        sessionStarted(FE01, IM_CONF, "c", "im-conferencing"),
                        sessionStarted(FE02, FRONT_END, "d", "im"))
                .when(stopForced(FE01, FRONT_END))
                .thenWarned(WarningCode.SESSIONS_INTERRUPTED);
        assertThat(s.state().serviceWithSession("a")).isEmpty();
        assertThat(s.state().serviceWithSession("b")).isEmpty();
        assertThat(s.state().serviceWithSession("c")).isEqualTo(service(s.state(), FE01, IM_CONF));
        assertThat(s.state().serviceWithSession("d")).isEqualTo(service(s.state(), FE02, FRONT_END));
        assertIndexMatchesSearch(s.state(), "a", "b", "c", "d");
    }

    @Test
    void aForcedRestartDropsEverySessionOfTheServer() {
        Scenario s = pool(true, FE01, FE02)
                .given(sessionStarted(FE01, FRONT_END, "a", "im"), sessionStarted(FE01, IM_CONF, "b",
                        "im-conferencing"), sessionStarted(FE01, CALL_PARK, "c", "call-park"),
                        sessionStarted(FE02, CALL_PARK, "d", "call-park"))
                .when(restartForced(FE01));
        assertThat(s.accepted().events()).filteredOn(e -> e instanceof SessionInterrupted).hasSize(3);
        assertThat(s.state().serviceWithSession("a")).isEmpty();
        assertThat(s.state().serviceWithSession("b")).isEmpty();
        assertThat(s.state().serviceWithSession("c")).isEmpty();
        assertThat(s.state().serviceWithSession("d")).isEqualTo(service(s.state(), FE02, CALL_PARK));
        assertIndexMatchesSearch(s.state(), "a", "b", "c", "d");
    }

    @Test
    void aRestartThatClearsSessionsWithoutInterruptingThemDropsThemAll() {
        // A restart event found with its sessions still on the service (a journal, or a faulty decider).
        Scenario s = pool(true, FE01, FE02)
                .given(sessionStarted(FE01, FRONT_END, "a", "im"), sessionStarted(FE01, FRONT_END, "b", "im"),
                        sessionStarted(FE01, FRONT_END, "c", "im"), sessionStarted(FE02, FRONT_END, "d", "im"))
                .given(new ServiceRestarted(T0, FE01, FRONT_END, ServiceStatus.RUNNING, ServiceStatus.RUNNING,
                        false));
        assertThat(s.service(FE01, FRONT_END).sessions()).isEmpty();
        assertThat(s.state().serviceWithSession("a")).isEmpty();
        assertThat(s.state().serviceWithSession("c")).isEmpty();
        assertThat(s.state().serviceWithSession("d")).isPresent();
        assertIndexMatchesSearch(s.state(), "a", "b", "c", "d");
    }

    @Test
    void aPassedDrainDeadlineDropsTheRemainingSessions() {
        Scenario s = pool(true, FE01, FE02)
                .given(sessionStarted(FE01, FRONT_END, "a", "im"), sessionStarted(FE02, FRONT_END, "b", "im"))
                .givenCommands(pause(FE01, FRONT_END, Duration.ofMinutes(30)))
                .when(deadlinePassed(FE01, FRONT_END, T0.plus(Duration.ofMinutes(30))));
        assertThat(s.accepted().events()).filteredOn(e -> e instanceof SessionInterrupted).hasSize(1);
        assertThat(s.state().serviceWithSession("a")).isEmpty();
        assertThat(s.state().serviceWithSession("b")).isPresent();
        assertIndexMatchesSearch(s.state(), "a", "b");
    }

    @Test
    void anIdThatEndedIsFoundOnTheServiceThatTookItAgain() {
        Scenario s = pool(true, FE01, FE02)
                .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"), ended(FE01, IM_CONF, "s1"),
                        sessionStarted(FE02, CALL_PARK, "s1", "call-park"));
        assertThat(s.state().serviceWithSession("s1")).isEqualTo(service(s.state(), FE02, CALL_PARK));

        s.given(new SessionInterrupted(T0, FE02, CALL_PARK, "s1", "call-park", InterruptionCause.FORCED_STOP),
                sessionStarted(FE01, FRONT_END, "s1", "im"));
        assertThat(s.state().serviceWithSession("s1")).isEqualTo(service(s.state(), FE01, FRONT_END));
        assertIndexMatchesSearch(s.state(), "s1");
    }

    @Test
    void aSessionStartedAgainOnItsOwnServiceStaysThere() {
        Scenario s = pool(true, FE01, FE02)
                .given(sessionStarted(FE02, FRONT_END, "s1", "im"), sessionStarted(FE02, FRONT_END, "s1", "calls"),
                        ended(FE01, FRONT_END, "s1"));
        assertThat(s.state().serviceWithSession("s1")).isEqualTo(service(s.state(), FE02, FRONT_END));
        assertThat(s.state().serviceWithSession("s1").orElseThrow().sessions().get("s1").feature())
                .isEqualTo("calls");
        assertIndexMatchesSearch(s.state(), "s1");
    }

    @Test
    void anIdOnTwoServicesIsFoundOnTheFirstUntilItHasLeftBoth() {
        // The rules refuse this, but a journal whose services recorded independently can hold it.
        Scenario s = pool(true, FE01, FE02)
                .given(sessionStarted(FE02, FRONT_END, "x", "im"), sessionStarted(FE01, IM_CONF, "x",
                        "im-conferencing"), sessionStarted(FE01, FRONT_END, "x", "im"));
        assertThat(s.state().serviceWithSession("x")).isEqualTo(service(s.state(), FE01, FRONT_END));

        s.given(ended(FE01, FRONT_END, "x"));
        assertThat(s.state().serviceWithSession("x")).isEqualTo(service(s.state(), FE01, IM_CONF));
        s.given(ended(FE02, FRONT_END, "x"));
        assertThat(s.state().serviceWithSession("x")).isEqualTo(service(s.state(), FE01, IM_CONF));
        s.given(ended(FE01, IM_CONF, "x"));
        assertThat(s.state().serviceWithSession("x")).isEmpty();

        s.given(sessionStarted(FE02, CALL_PARK, "y", "call-park"), ended(FE02, CALL_PARK, "y"));
        assertThat(s.state().serviceWithSession("y")).isEmpty();
        assertIndexMatchesSearch(s.state(), "x", "y");
    }

    @Test
    void aDeploymentBuiltFromRecoveredStatesFindsTheirSessions() {
        Deployment live = pool(true, FE01, FE02)
                .given(sessionStarted(FE01, FRONT_END, "a", "im"), sessionStarted(FE01, IM_CONF, "b",
                        "im-conferencing"), sessionStarted(FE02, FRONT_END, "c", "im"))
                .state();
        // As the gatekeeper does after recovery: the canonical constructor, from plain maps.
        Deployment recovered = new Deployment(new HashMap<>(live.pools()), new HashMap<>(live.servers()));

        assertThat(recovered).isEqualTo(live);
        assertThat(recovered.serviceWithSession("a")).isEqualTo(service(live, FE01, FRONT_END));
        assertThat(recovered.serviceWithSession("b")).isEqualTo(service(live, FE01, IM_CONF));
        assertThat(recovered.serviceWithSession("c")).isEqualTo(service(live, FE02, FRONT_END));
        assertThat(recovered.serviceWithSession("d")).isEmpty();
        assertIndexMatchesSearch(recovered, "a", "b", "c", "d");

        Rules rules = Scenario.scenario().rules();
        Decision duplicate = rules.decide(recovered, connect("im", "b"));
        assertThat(duplicate).isInstanceOfSatisfying(Decision.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.DUPLICATE_SESSION));
        Decision ending = rules.decide(recovered, end("c"));
        assertThat(ending).isInstanceOfSatisfying(Decision.Accepted.class,
                a -> assertThat(a.events()).containsExactly(ended(FE02, FRONT_END, "c")));
        Deployment after = recovered.evolve(((Decision.Accepted) ending).events());
        assertThat(after.serviceWithSession("c")).isEmpty();
        assertIndexMatchesSearch(after, "a", "b", "c");
    }

    @Test
    void aDeploymentBuiltFromStatesHoldingAnIdTwiceFindsTheFirstHolder() {
        Map<String, ServiceState> fe01 = new LinkedHashMap<>();
        Map<String, ServiceState> fe02 = new LinkedHashMap<>();
        for (String name : ROLE.serviceNames()) {
            fe01.put(name, ServiceState.installed(FE01, name, T0));
            fe02.put(name, ServiceState.installed(FE02, name, T0));
        }
        Map<String, Session> x = Map.of("x", new Session("x", "im", T0));
        fe01.put(CALL_PARK, new ServiceState(FE01, CALL_PARK, ServiceStatus.RUNNING, StartupType.AUTOMATIC, x, null,
                T0));
        fe02.put(FRONT_END, new ServiceState(FE02, FRONT_END, ServiceStatus.RUNNING, StartupType.AUTOMATIC, x, null,
                T0));
        Deployment d = new Deployment(Map.of(POOL, new PoolState(POOL, true, List.of(FE02, FE01), 0)), Map.of(
                FE02, new ServerState(FE02, POOL, ROLE.name(), ROLE.coreService(), fe02),
                FE01, new ServerState(FE01, POOL, ROLE.name(), ROLE.coreService(), fe01)));
        assertThat(d.serviceWithSession("x")).isEqualTo(service(d, FE01, CALL_PARK));

        Deployment once = d.evolve(ended(FE01, CALL_PARK, "x"));
        assertThat(once.serviceWithSession("x")).isEqualTo(service(once, FE02, FRONT_END));
        Deployment twice = once.evolve(ended(FE02, FRONT_END, "x"));
        assertThat(twice.serviceWithSession("x")).isEmpty();
        assertThat(d.serviceWithSession("x")).isEqualTo(service(d, FE01, CALL_PARK));
    }

    @Test
    void theIndexIsNoPartOfTheValue() {
        Scenario s = pool(true, FE01, FE02);
        Deployment idle = s.state();
        s.given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"));
        Deployment busy = s.state();
        s.given(ended(FE01, IM_CONF, "s1"));
        Deployment idleAgain = s.state();

        // Same pools and servers, reached by another path: equal, whatever the index went through.
        assertThat(idleAgain).isEqualTo(idle).hasSameHashCodeAs(idle).hasToString(idle.toString());
        assertThat(new Deployment(busy.pools(), busy.servers())).isEqualTo(busy).hasSameHashCodeAs(busy);
        assertThat(busy).isNotEqualTo(idle).isNotEqualTo(null).isNotEqualTo(busy.servers());
        assertThat(busy.hashCode()).isNotEqualTo(idle.hashCode());
        assertThat(idle.toString()).isEqualTo("Deployment[pools=" + idle.pools() + ", servers=" + idle.servers()
                + "]");
    }

    @Test
    void aServiceStateRecoveredOnItsOwnBringsItsSessionsIntoTheIndex() {
        Deployment d = pool(true, FE01, FE02)
                .given(sessionStarted(FE01, FRONT_END, "a", "im"), sessionStarted(FE01, FRONT_END, "b", "im"))
                .state();
        Map<String, Session> sessions = Map.of("b", new Session("b", "im", T0), "c", new Session("c", "calls", T0));
        ServiceState recovered = new ServiceState(FE01, FRONT_END, ServiceStatus.PAUSING, StartupType.AUTOMATIC,
                sessions, null, T0);

        Deployment next = d.withService(recovered);
        assertThat(next.serviceWithSession("a")).isEmpty();
        assertThat(next.serviceWithSession("b")).contains(recovered);
        assertThat(next.serviceWithSession("c")).contains(recovered);
        assertIndexMatchesSearch(next, "a", "b", "c");
        assertThat(d.serviceWithSession("a")).isPresent();
        assertThat(d.serviceWithSession("c")).isEmpty();
    }

    @Test
    void aServerGoingDownForAPlanHasNoSessionLeft() {
        Deployment d = pool(true, FE01, FE02)
                .given(sessionStarted(FE01, FRONT_END, "a", "im"), sessionStarted(FE01, CALL_PARK, "b", "call-park"),
                        sessionStarted(FE02, FRONT_END, "c", "im"))
                .state();
        Deployment down = d.withServerDown(FE01);
        assertThat(down.server(FE01).orElseThrow().services().values())
                .allSatisfy(svc -> assertThat(svc.status()).isEqualTo(ServiceStatus.OFFLINE));
        assertThat(down.serviceWithSession("a")).isEmpty();
        assertThat(down.serviceWithSession("b")).isEmpty();
        assertThat(down.serviceWithSession("c")).isPresent();
        assertIndexMatchesSearch(down, "a", "b", "c");
        assertThat(d.serviceWithSession("a")).isEqualTo(service(d, FE01, FRONT_END));
    }

    @Test
    void aServerAddedAgainUnderItsNameLosesItsSessions() {
        // The rules and replays refuse this; folding it must still leave no session behind in the index.
        Scenario s = pool(true, FE01, FE02)
                .given(sessionStarted(FE01, FRONT_END, "a", "im"), sessionStarted(FE02, FRONT_END, "b", "im"))
                .given(serverAdded(FE01));
        assertThat(s.server(FE01).sessionCount()).isZero();
        assertThat(s.state().serviceWithSession("a")).isEmpty();
        assertThat(s.state().serviceWithSession("b")).isPresent();
        assertIndexMatchesSearch(s.state(), "a", "b");
    }

    /** Where the randomized tests put their sessions. */
    private static final List<String> RANDOM_SERVERS = List.of(FE01, FE02);
    private static final List<String> RANDOM_SERVICES = List.of(FRONT_END, IM_CONF, CALL_PARK);

    /** A pool of fe01 and fe02, no session yet. */
    private static Deployment twoServers() {
        return Deployment.empty().evolve(List.of(poolCreated(true), serverAdded(FE02), serverAdded(FE01)));
    }

    /** Session ids s0, s1, ...: {@code n} of them. */
    private static String[] ids(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "s" + i;
        }
        return ids;
    }

    @Test
    void givenRandomSessionChangesOfEveryKind_thenTheIndexAlwaysFindsWhatASearchFinds() {
        SplittableRandom random = new SplittableRandom(7);
        String[] ids = ids(12);
        Deployment d = twoServers();
        List<Deployment> versions = new ArrayList<>();
        for (int step = 0; step < 3000; step++) {
            String server = RANDOM_SERVERS.get(random.nextInt(RANDOM_SERVERS.size()));
            String service = RANDOM_SERVICES.get(random.nextInt(RANDOM_SERVICES.size()));
            String id = ids[random.nextInt(ids.length)];
            ServiceState current = d.server(server).orElseThrow().service(service);
            int kind = random.nextInt(20);
            if (kind < 9) {
                // Duplicates included: only the rules keep an id on one service.
                d = d.evolve(new SessionStarted(T0.plusSeconds(step), server, service, id, "im", "admin"));
            } else if (kind < 14) {
                d = d.evolve(ended(server, service, id));
            } else if (kind < 17) {
                d = d.evolve(new SessionInterrupted(T0, server, service, id, "im", InterruptionCause.FORCED_STOP));
            } else if (kind == 17) {
                d = d.evolve(new ServiceRestarted(T0, server, service, current.status(), ServiceStatus.OFFLINE,
                        false));
            } else if (kind == 18) {
                Map<String, Session> sessions = new HashMap<>();
                for (String other : ids) {
                    if (random.nextInt(4) == 0) {
                        sessions.put(other, new Session(other, "im", T0));
                    }
                }
                d = d.withService(new ServiceState(server, service, current.status(), current.startup(), sessions,
                        null, T0));
            } else {
                Deployment rebuilt = new Deployment(d.pools(), d.servers());
                assertThat(rebuilt).isEqualTo(d);
                d = rebuilt;
            }
            assertIndexMatchesSearch(d, ids);
            if (step % 300 == 0) {
                versions.add(d);
            }
        }
        // Earlier deployments share the index's structure but still answer for themselves.
        versions.forEach(v -> assertIndexMatchesSearch(v, ids));
    }

    @Test
    void aDeploymentFoldedWithoutItsIndexAnswersAsOneThatKeptIt() {
        SplittableRandom random = new SplittableRandom(11);
        String[] ids = ids(10);
        Deployment kept = twoServers();
        Deployment lazy = kept.withoutSessionIndex();
        assertThat(lazy.withoutSessionIndex()).isSameAs(lazy);
        for (int step = 0; step < 2000; step++) {
            String server = RANDOM_SERVERS.get(random.nextInt(RANDOM_SERVERS.size()));
            String service = RANDOM_SERVICES.get(random.nextInt(RANDOM_SERVICES.size()));
            String id = ids[random.nextInt(ids.length)];
            int kind = random.nextInt(10);
            // Duplicates included, as in a journal: the index built late must name the same first holder.
            Event e = kind < 5 ? new SessionStarted(T0.plusSeconds(step), server, service, id, "im", "admin")
                    : kind < 8 ? ended(server, service, id)
                    : kind < 9 ? new SessionInterrupted(T0, server, service, id, "im", InterruptionCause.FORCED_STOP)
                    : new ServiceRestarted(T0, server, service, ServiceStatus.RUNNING, ServiceStatus.RUNNING, false);
            kept = kept.evolve(e);
            lazy = lazy.evolve(e);
            assertThat(lazy).isEqualTo(kept);
            if (random.nextInt(25) == 0) {
                // Asked: it builds its index, and those folded from it keep that up to date...
                assertIndexMatchesSearch(lazy, ids);
                for (String other : ids) {
                    assertThat(lazy.hasSession(other)).isEqualTo(kept.hasSession(other));
                    assertThat(lazy.serviceWithSession(other)).isEqualTo(kept.serviceWithSession(other));
                }
                if (random.nextBoolean()) {
                    // ...until it is folded without one again.
                    lazy = lazy.withoutSessionIndex();
                }
            }
        }
        assertIndexMatchesSearch(lazy, ids);
        assertIndexMatchesSearch(kept, ids);
    }

    @Test
    void eventsThatLeaveSessionsAloneLeaveTheIndexAlone() {
        List<Event> events = new ArrayList<>(List.of(sessionStarted(FE01, FRONT_END, "a", "im"),
                sessionStarted(FE01, FRONT_END, "b", "im")));
        events.addAll(Scenario.serverDrained(FE02));
        events.add(Scenario.paused(FE01, FRONT_END));
        events.add(Scenario.startupChanged(FE01, FRONT_END, StartupType.AUTOMATIC, StartupType.MANUAL));
        Deployment d = pool(true, FE01, FE02).given(events).state();
        assertThat(d.serviceWithSession("a")).isEqualTo(service(d, FE01, FRONT_END));
        assertThat(d.serviceWithSession("a").orElseThrow().status()).isEqualTo(ServiceStatus.PAUSING);
        assertIndexMatchesSearch(d, "a", "b");
    }
}
