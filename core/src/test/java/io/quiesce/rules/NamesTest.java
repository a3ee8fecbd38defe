package io.quiesce.rules;

import io.quiesce.command.Command.AddServer;
import io.quiesce.command.Command.CreatePool;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.POOL;
import static io.quiesce.rules.Scenario.ROLE;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.act;
import static io.quiesce.rules.Scenario.connect;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.scenario;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** Server, pool and role names ignore case, as Windows host names do, and keep their first spelling. */
class NamesTest {
    @Test
    void aServerNameInAnotherCaseIsTheSameServer() {
        threeServers()
                .when(new AddServer(POOL, "FE01", null, act()))
                .thenRejected(RejectionCode.SERVER_EXISTS, "server FE01 is already in pool pool1");
    }

    @Test
    void aPoolNameInAnotherCaseIsTheSamePool() {
        threeServers()
                .when(new CreatePool("POOL1", true, act()))
                .thenRejected(RejectionCode.POOL_EXISTS);
    }

    @Test
    void aCommandNamesAServerInAnyCaseAndTheEventKeepsItsSpelling() {
        threeServers()
                .when(pause("Fe01", IM_CONF))
                .thenStatus(FE01, IM_CONF, ServiceStatus.DRAINED)
                .thenEvents(new ServicePaused(T0, FE01, IM_CONF, null, "admin", null),
                        new io.quiesce.event.Event.ServiceDrained(T0, FE01, IM_CONF));
    }

    @Test
    void aServerAddedToAPoolNamedInAnotherCaseJoinsItUnderItsSpellingWithTheRolesOwnName() {
        threeServers()
                .when(new AddServer("POOL1", "fe04", "LYNC2013-FrontEnd", act()))
                .thenEvents(new ServerAdded(T0, POOL, "fe04", ROLE.name(), ROLE.coreService(), ROLE.serviceNames(),
                        "admin", null));
    }

    @Test
    void routingBreaksTiesInTheOrderServersAreListedIgnoringCase() {
        // Compared case-sensitively "FE02" sorts before "fe01"; listed, fe01 comes first.
        Scenario s = pool(true, "FE02", FE01);
        assertThat(s.state().serversOf(POOL)).extracting(io.quiesce.server.ServerState::name)
                .containsExactly(FE01, "FE02");
        s.when(connect("im", "c1"))
                .thenEvents(new SessionStarted(T0, FE01, FRONT_END, "c1", "im", "admin"));
    }

    @Test
    void anUnknownServerIsStillUnknownInAnyCase() {
        scenario().given(Scenario.poolCreated(true))
                .when(pause("FE09", null))
                .thenRejected(RejectionCode.UNKNOWN_SERVER, "no server named FE09");
    }
}
