package io.quiesce.rules;

import io.quiesce.catalog.Catalog;
import io.quiesce.command.Command.AddServer;
import io.quiesce.command.Command.CreatePool;
import io.quiesce.command.Command.SetDnsLoadBalancing;
import io.quiesce.event.Event.DnsLoadBalancingChanged;
import io.quiesce.event.Event.PoolCreated;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.pool.PoolState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.POOL;
import static io.quiesce.rules.Scenario.ROLE;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.act;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.poolCreated;
import static io.quiesce.rules.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;

/** Pools and their members: creating a pool, DNS load balancing setting, adding servers. */
class PoolTest {

    @Test
    void aPoolIsCreated() {
        Scenario s = scenario()
                .when(new CreatePool(POOL, false, act()))
                .thenEvents(new PoolCreated(T0, POOL, false, "admin", null));
        assertThat(s.state().pool(POOL)).contains(new PoolState(POOL, false, java.util.List.of(), 0));
        assertThat(s.accepted().outcomes()).isEmpty();
    }

    @Test
    void aPoolNameIsTakenOnce() {
        scenario()
                .given(poolCreated(true))
                .when(new CreatePool(POOL, true, act()))
                .thenRejected(RejectionCode.POOL_EXISTS, "pool1 already exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void aPoolNeedsAName(String name) {
        scenario().when(new CreatePool(name, true, act())).thenRejected(RejectionCode.INVALID_ARGUMENT);
    }

    @Test
    void aPoolNeedsANameNotNull() {
        scenario().when(new CreatePool(null, true, act())).thenRejected(RejectionCode.INVALID_ARGUMENT);
    }

    @Test
    void dnsLoadBalancingIsSwitched() {
        Scenario s = pool(true)
                .when(new SetDnsLoadBalancing(POOL, false, act()))
                .thenEvents(new DnsLoadBalancingChanged(T0, POOL, false, "admin", null));
        assertThat(s.state().pool(POOL).orElseThrow().dnsLoadBalancing()).isFalse();
        s.when(new SetDnsLoadBalancing(POOL, true, act()))
                .thenEvents(new DnsLoadBalancingChanged(T0, POOL, true, "admin", null));
        assertThat(s.state().pool(POOL).orElseThrow().dnsLoadBalancing()).isTrue();
    }

    @Test
    void switchingDnsLoadBalancingToItsValueChangesNothing() {
        pool(true).when(new SetDnsLoadBalancing(POOL, true, act())).thenNoEvents().thenWarnings();
        pool(false).when(new SetDnsLoadBalancing(POOL, false, act())).thenNoEvents();
    }

    @Test
    void dnsLoadBalancingOfAnUnknownPoolIsRefused() {
        pool(true).when(new SetDnsLoadBalancing("pool9", false, act()))
                .thenRejected(RejectionCode.UNKNOWN_POOL, "no pool named pool9");
    }

    @Test
    void aServerIsAddedWithTheDefaultRole() {
        Scenario s = pool(true)
                .when(new AddServer(POOL, FE01, null, act()))
                .thenEvents(new ServerAdded(T0, POOL, FE01, "lync2013-frontend", FRONT_END, ROLE.serviceNames(),
                        "admin", null));
        assertThat(s.server(FE01).services()).hasSize(9);
        assertThat(s.server(FE01).services().values()).allSatisfy(svc -> {
            assertThat(svc.status()).isEqualTo(ServiceStatus.RUNNING);
            assertThat(svc.startup()).isEqualTo(StartupType.AUTOMATIC);
            assertThat(svc.sessions()).isEmpty();
        });
        assertThat(s.server(FE01).coreService()).isEqualTo(FRONT_END);
        assertThat(s.state().pool(POOL).orElseThrow().servers()).containsExactly(FE01);
        assertThat(s.state().serversOf(POOL)).containsExactly(s.server(FE01));
    }

    @Test
    void aServerIsAddedWithANamedRole() {
        pool(true)
                .when(new AddServer(POOL, FE01, Catalog.LYNC_2013_FRONT_END, act()))
                .thenEvents(new ServerAdded(T0, POOL, FE01, "lync2013-frontend", FRONT_END, ROLE.serviceNames(),
                        "admin", null));
    }

    @Test
    void anUnknownRoleIsRefused() {
        pool(true)
                .when(new AddServer(POOL, FE01, "edge", act()))
                .thenRejected(RejectionCode.UNKNOWN_ROLE, "use one of lync2013-frontend");
    }

    @Test
    void aServerNameIsUniqueAcrossPools() {
        pool(true, FE01)
                .given(new PoolCreated(T0, "pool2", true, "admin", null))
                .when(new AddServer("pool2", FE01, null, act()))
                .thenRejected(RejectionCode.SERVER_EXISTS, "fe01 is already in pool pool1");
    }

    @Test
    void aServerJoinsAnExistingPoolOnly() {
        scenario()
                .when(new AddServer(POOL, FE01, null, act()))
                .thenRejected(RejectionCode.UNKNOWN_POOL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aServerNeedsAName(String name) {
        pool(true).when(new AddServer(POOL, name, null, act())).thenRejected(RejectionCode.INVALID_ARGUMENT);
    }

    @Test
    void aServerNeedsANameNotNull() {
        pool(true).when(new AddServer(POOL, null, null, act())).thenRejected(RejectionCode.INVALID_ARGUMENT);
    }

    @Test
    void serversAreListedInTheOrderRoutingBreaksTiesInWhateverTheirCase() {
        Scenario s = pool(true, "fe03", "FE01", "fe02");
        assertThat(s.state().serversOf(POOL)).extracting(io.quiesce.server.ServerState::name)
                .containsExactly("FE01", "fe02", "fe03");
    }
}
