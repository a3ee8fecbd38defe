package io.quiesce.rules;

import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.event.Event.PoolCreated;
import org.junit.jupiter.api.Test;

import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FE02;
import static io.quiesce.rules.Scenario.FE03;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.POOL;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.connect;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.scenario;
import static io.quiesce.rules.Scenario.serverAdded;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.stopped;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 11: routing a new connection within a pool. */
class RoutingTest {

    @Test
    void goesToTheServerWhoseHostingServiceHasTheFewestSessions() {
        pool(true, FE01, FE02, FE03)
                .given(sessionStarted(FE01, FRONT_END, "a", "im"), sessionStarted(FE01, FRONT_END, "b", "im"),
                        sessionStarted(FE02, FRONT_END, "c", "im"),
                        sessionStarted(FE03, FRONT_END, "d", "im"), sessionStarted(FE03, FRONT_END, "e", "im"))
                .when(connect("presence", "s1"))
                .thenEvents(new SessionStarted(T0, FE02, FRONT_END, "s1", "presence", "admin"));
    }

    @Test
    void countsTheSessionsOfTheHostingServiceOnly() {
        // fe01 has more sessions in total, but none on IM Conferencing.
        pool(true, FE01, FE02)
                .given(sessionStarted(FE01, FRONT_END, "a", "im"), sessionStarted(FE01, FRONT_END, "b", "im"),
                        sessionStarted(FE02, IM_CONF, "c", "im-conferencing"))
                .when(connect("im-conferencing", "s1"))
                .thenEvents(new SessionStarted(T0, FE01, IM_CONF, "s1", "im-conferencing", "admin"));
    }

    @Test
    void tiesGoToTheFirstServerByName() {
        // added in reverse order, so the tie is not broken by the order of the pool
        scenario()
                .given(new PoolCreated(T0, POOL, true, "admin", null), serverAdded(FE03), serverAdded(FE02),
                        serverAdded(FE01))
                .when(connect("im", "s1"))
                .thenEvents(new SessionStarted(T0, FE01, FRONT_END, "s1", "im", "admin"));
    }

    @Test
    void tiesAmongLoadedServersGoByNameToo() {
        scenario()
                .given(new PoolCreated(T0, POOL, true, "admin", null), serverAdded(FE03), serverAdded(FE02),
                        serverAdded(FE01), sessionStarted(FE01, FRONT_END, "a", "im"))
                .when(connect("im", "s1"))
                .thenEvents(new SessionStarted(T0, FE02, FRONT_END, "s1", "im", "admin"));
    }

    @Test
    void skipsServersWhoseHostingServiceDoesNotTakeIt() {
        pool(true, FE01, FE02, FE03)
                .given(paused(FE01, FRONT_END), stopped(FE02, FRONT_END),
                        sessionStarted(FE03, FRONT_END, "a", "im"), sessionStarted(FE03, FRONT_END, "b", "im"))
                .when(connect("im", "s1"))
                .thenEvents(new SessionStarted(T0, FE03, FRONT_END, "s1", "im", "admin"));
    }

    @Test
    void noServerTakesIt_theConnectionIsLostAndCounted() {
        Scenario s = pool(true, FE01, FE02)
                .given(paused(FE01, FRONT_END), paused(FE02, FRONT_END))
                .when(connect("im", "s1"))
                .thenEvents(new ConnectionLost(T0, POOL, "im", "s1", "admin"));
        assertThat(s.state().pool(POOL).orElseThrow().lostConnections()).isEqualTo(1);
        assertThat(s.state().serviceWithSession("s1")).isEmpty();
        s.when(connect("im", "s2")).thenEvents(new ConnectionLost(T0, POOL, "im", "s2", "admin"));
        assertThat(s.state().pool(POOL).orElseThrow().lostConnections()).isEqualTo(2);
    }

    @Test
    void aPoolWithoutServersLosesTheConnection() {
        pool(true)
                .when(connect("im", "s1"))
                .thenEvents(new ConnectionLost(T0, POOL, "im", "s1", "admin"));
    }

    @Test
    void theLeastLoadedIsChosenRegardlessOfName() {
        pool(true, FE01, FE02)
                .given(sessionStarted(FE01, FRONT_END, "a", "im"))
                .when(connect("im", "s1"))
                .thenEvents(new SessionStarted(T0, FE02, FRONT_END, "s1", "im", "admin"));
    }
}
