package io.quiesce.rules;

import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Role;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.command.Command.Connect;
import io.quiesce.command.Command.DeadlinePassed;
import io.quiesce.command.Command.End;
import io.quiesce.command.Command.Pause;
import io.quiesce.command.Command.Restart;
import io.quiesce.command.Command.Resume;
import io.quiesce.command.Command.SetStartup;
import io.quiesce.command.Command.Start;
import io.quiesce.command.Command.Stop;
import io.quiesce.event.Event;
import io.quiesce.event.Event.PoolCreated;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.ServiceStopped;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.event.Event.StartupTypeChanged;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given events (or accepted commands) / when a command / then events, a rejection or warnings.
 * Commands and events built by the static helpers carry the fixed clock value {@link #T0} and
 * the principal {@link #ADMIN} unless told otherwise.
 */
final class Scenario {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Principal ADMIN = Principal.of("admin", "Administrators");
    static final Principal MALLORY = Principal.of("mallory");

    static final Catalog CATALOG = Catalog.defaults();
    static final Role ROLE = CATALOG.role(Catalog.LYNC_2013_FRONT_END).orElseThrow();

    static final String POOL = "pool1";
    static final String FE01 = "fe01";
    static final String FE02 = "fe02";
    static final String FE03 = "fe03";

    static final String FRONT_END = "Lync Server Front-End";
    static final String IM_CONF = "Lync Server IM Conferencing";
    static final String AV_CONF = "Lync Server Audio/Video Conferencing";
    static final String APP_SHARING = "Lync Server Application Sharing";
    static final String WEB_CONF = "Lync Server Web Conferencing";
    static final String ATTENDANT = "Lync Server Conferencing Attendant";
    static final String ANNOUNCEMENT = "Lync Server Conferencing Announcement";
    static final String CALL_PARK = "Lync Server Call Park";
    static final String RESPONSE_GROUP = "Lync Server Response Group";

    private final Rules rules;
    private Deployment state = Deployment.empty();
    private Deployment before;
    private Decision decision;

    private Scenario(Rules rules) {
        this.rules = rules;
    }

    static Scenario scenario() {
        return scenario(Authorization.defaults());
    }

    static Scenario scenario(Authorization authorization) {
        return new Scenario(new Rules(CATALOG, authorization));
    }

    /** A pool named {@link #POOL} with these servers, every service RUNNING, AUTOMATIC, idle. */
    static Scenario pool(boolean dnsLoadBalancing, String... servers) {
        Scenario s = scenario();
        s.given(poolCreated(dnsLoadBalancing));
        for (String server : servers) {
            s.given(serverAdded(server));
        }
        return s;
    }

    /** The usual pool: fe01, fe02, fe03 with DNS load balancing. */
    static Scenario threeServers() {
        return pool(true, FE01, FE02, FE03);
    }

    // ---- given / when / then -------------------------------------------------------------

    Scenario given(Event... events) {
        state = state.evolve(List.of(events));
        return this;
    }

    Scenario given(List<? extends Event> events) {
        state = state.evolve(events);
        return this;
    }

    /** Decides each command in turn, which must be accepted, and records its events. */
    Scenario givenCommands(Command... commands) {
        for (Command c : commands) {
            Decision d = rules.decide(state, c);
            assertThat(d).as("given %s", c).isInstanceOf(Decision.Accepted.class);
            state = state.evolve(((Decision.Accepted) d).events());
        }
        return this;
    }

    Scenario when(Command command) {
        before = state;
        decision = rules.decide(state, command);
        if (decision instanceof Decision.Accepted a) {
            state = state.evolve(a.events());
        }
        return this;
    }

    Scenario thenEvents(Event... expected) {
        assertThat(accepted().events()).containsExactly(expected);
        assertThat(accepted().changedNothing()).isEqualTo(expected.length == 0);
        return this;
    }

    Scenario thenNoEvents() {
        assertThat(accepted().events()).isEmpty();
        assertThat(accepted().changedNothing()).isTrue();
        assertThat(state).isEqualTo(before);
        return this;
    }

    /** Refused with this code, and nothing changed. */
    Scenario thenRejected(RejectionCode code) {
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        assertThat(rejection().code()).as(rejection().message()).isEqualTo(code);
        assertThat(rejection().message()).isNotBlank();
        assertThat(state).isEqualTo(before);
        return this;
    }

    Scenario thenRejected(RejectionCode code, String messagePart) {
        thenRejected(code);
        assertThat(rejection().message()).contains(messagePart);
        return this;
    }

    Scenario thenWarned(WarningCode code) {
        assertThat(decision.warnings()).extracting(Warning::code).contains(code);
        return this;
    }

    Scenario thenWarnings(WarningCode... codes) {
        assertThat(decision.warnings()).extracting(Warning::code).containsExactly(codes);
        return this;
    }

    Scenario thenNotWarned(WarningCode code) {
        assertThat(decision.warnings()).extracting(Warning::code).doesNotContain(code);
        return this;
    }

    Scenario thenOutcomes(ServiceOutcome... expected) {
        assertThat(accepted().outcomes()).containsExactly(expected);
        return this;
    }

    Scenario thenStatus(String server, String service, ServiceStatus status) {
        assertThat(service(server, service).status()).isEqualTo(status);
        return this;
    }

    Decision decision() {
        return decision;
    }

    Decision.Accepted accepted() {
        assertThat(decision).as("decision").isInstanceOf(Decision.Accepted.class);
        return (Decision.Accepted) decision;
    }

    Rejection rejection() {
        assertThat(decision).as("decision").isInstanceOf(Decision.Rejected.class);
        return ((Decision.Rejected) decision).rejection();
    }

    Deployment state() {
        return state;
    }

    Rules rules() {
        return rules;
    }

    ServerState server(String server) {
        return state.server(server).orElseThrow();
    }

    ServiceState service(String server, String service) {
        return server(server).service(service);
    }

    Plan plan(String server) {
        return rules.plan(state, server, T0);
    }

    // ---- commands ------------------------------------------------------------------------

    static Act act() {
        return Act.of(ADMIN, T0);
    }

    static Act act(Instant at) {
        return Act.of(ADMIN, at);
    }

    static Act act(String reason) {
        return new Act(ADMIN, T0, reason);
    }

    static Pause pause(String server, String service) {
        return new Pause(server, service, null, false, act());
    }

    static Pause pauseForced(String server, String service) {
        return new Pause(server, service, null, true, act());
    }

    static Pause pause(String server, String service, Duration deadline) {
        return new Pause(server, service, deadline, false, act());
    }

    static Resume resume(String server, String service) {
        return new Resume(server, service, act());
    }

    static Start start(String server, String service) {
        return new Start(server, service, act());
    }

    static Stop stop(String server, String service) {
        return new Stop(server, service, false, act());
    }

    static Stop stopForced(String server, String service) {
        return new Stop(server, service, true, act());
    }

    static SetStartup startup(String server, String service, StartupType type) {
        return new SetStartup(server, service, type, act());
    }

    static Restart restart(String server) {
        return new Restart(server, false, act());
    }

    static Restart restartForced(String server) {
        return new Restart(server, true, act());
    }

    static Connect connect(String feature, String session) {
        return new Connect(POOL, feature, session, act());
    }

    static End end(String session) {
        return new End(session, act());
    }

    /** A load balancer reports {@code sessions} open connections on the service. */
    static Command.Observe observe(String server, String service, int sessions) {
        return new Command.Observe(server, service, sessions, act());
    }

    static DeadlinePassed deadlinePassed(String server, String service, Instant at) {
        return new DeadlinePassed(server, service, at);
    }

    // ---- events --------------------------------------------------------------------------

    static PoolCreated poolCreated(boolean dnsLoadBalancing) {
        return new PoolCreated(T0, POOL, dnsLoadBalancing, ADMIN.name(), null);
    }

    static ServerAdded serverAdded(String server) {
        return new ServerAdded(T0, POOL, server, ROLE.name(), ROLE.coreService(), ROLE.serviceNames(),
                ADMIN.name(), null);
    }

    static SessionStarted sessionStarted(String server, String service, String session, String feature) {
        return new SessionStarted(T0, server, service, session, feature, ADMIN.name());
    }

    static Event.SessionsObserved observed(String server, String service, int sessions) {
        return new Event.SessionsObserved(T0, server, service, sessions, ADMIN.name());
    }

    static ServicePaused paused(String server, String service) {
        return new ServicePaused(T0, server, service, null, ADMIN.name(), null);
    }

    static ServiceDrained drained(String server, String service) {
        return new ServiceDrained(T0, server, service);
    }

    static ServiceStopped stopped(String server, String service) {
        return new ServiceStopped(T0, server, service, false, ADMIN.name(), null);
    }

    static StartupTypeChanged startupChanged(String server, String service, StartupType from, StartupType to) {
        return new StartupTypeChanged(T0, server, service, from, to, ADMIN.name(), null);
    }

    /** Events that pause and drain, then stop, every service of a server. */
    static List<Event> serverOffline(String server) {
        List<Event> events = new ArrayList<>();
        for (String service : ROLE.serviceNames()) {
            events.add(paused(server, service));
            events.add(drained(server, service));
            events.add(stopped(server, service));
        }
        return events;
    }

    /** Events that pause and drain every service of an idle server. */
    static List<Event> serverDrained(String server) {
        List<Event> events = new ArrayList<>();
        for (String service : ROLE.serviceNames()) {
            events.add(paused(server, service));
            events.add(drained(server, service));
        }
        return events;
    }
}
