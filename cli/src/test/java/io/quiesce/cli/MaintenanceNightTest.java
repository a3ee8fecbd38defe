package io.quiesce.cli;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.quiesce.cli.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A maintenance night on one data directory, one invocation at a time: each one opens the
 * directory, does one thing and closes it, so every step also restarts the library. Covers every
 * command, the exit codes of refusals, and the text and JSON each prints.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaintenanceNightTest {
    @TempDir
    static Path home;

    static Cli cli() {
        return Cli.administrator(home.resolve("data"));
    }

    @Test
    @Order(1)
    void createsAPoolWithThreeServers() {
        Cli.Result created = cli().run("pool", "create", "pool1");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.out()).isEqualTo("created pool pool1 (DNS load balancing on)\n");
        assertThat(created.err()).isEmpty();

        Cli.Result added = cli().run("server", "add", "pool1", "fe01", "--json");
        assertThat(added.exit()).as(added.toString()).isZero();
        Map<String, Object> json = added.json();
        assertThat(json).containsEntry("pool", "pool1").containsEntry("server", "fe01")
                .containsEntry("role", "lync2013-frontend");
        List<Object> services = Cli.list(json.get("services"));
        assertThat(services).hasSize(9).first().isEqualTo(Map.of("name", "Lync Server Front-End", "shortName", "RTCSRV"));

        assertThat(cli().run("server", "add", "pool1", "fe02").out()).startsWith("added fe02 to pool pool1");
        assertThat(cli().run("server", "add", "pool1", "fe03").exit()).isZero();

        assertRefused(cli().run("pool", "create", "pool1"), 3, "POOL_EXISTS");
        assertRefused(cli().run("server", "add", "nowhere", "fe09"), 2, "UNKNOWN_POOL");
        assertRefused(cli().run("server", "add", "pool1", "fe09", "--role", "edge"), 2, "UNKNOWN_ROLE");
    }

    @Test
    @Order(2)
    void connectPrintsTheSessionServerAndService() {
        Cli.Result first = cli().run("connect", "pool1", "--feature", "calls", "--id", "c1", "--json");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.json()).isEqualTo(Map.of("session", "c1", "server", "fe01", "service", "Lync Server Front-End"));

        Cli.Result second = cli().run("connect", "pool1", "--feature", "calls", "--id", "c2");
        assertThat(second.out()).isEqualTo("session c2 on fe02: Lync Server Front-End (RTCSRV)\n");

        assertRefused(cli().run("connect", "pool1", "--feature", "calls", "--id", "c1"), 3, "DUPLICATE_SESSION");
        assertRefused(cli().run("connect", "pool1", "--feature", "fax"), 2, "UNKNOWN_FEATURE");
    }

    @Test
    @Order(3)
    void pauseReportsOneOutcomePerService() {
        Cli.Result paused = cli().run("pause", "fe01", "--deadline", "30m", "--reason", "patch night");
        assertThat(paused.exit()).as(paused.toString()).isZero();
        List<String> lines = paused.lines();
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).matches("RTCSRV +Lync Server Front-End +RUNNING -> PAUSING");
        assertThat(lines.get(1)).matches("RTCIMMCU +Lync Server IM Conferencing +RUNNING -> DRAINED");
        assertThat(lines.get(9)).startsWith("deadline: ").endsWith("(sessions still on then are interrupted)");

        Cli.Result again = cli().run("pause", "fe01", "--json");
        assertThat(again.exit()).as(again.toString()).isZero();
        List<Object> outcomes = Cli.list(again.json().get("outcomes"));
        assertThat(outcomes).hasSize(9).allSatisfy(o -> assertThat(Cli.object(o))
                .containsEntry("changed", false).containsEntry("note", "already paused"));
        assertThat(again.json()).containsEntry("server", "fe01").containsEntry("interrupted", List.of())
                .containsEntry("warnings", List.of());

        assertRefused(cli().run("pause", "fe01", "--service", "Front-End"), 3, "COMPONENT_NOT_PAUSABLE");
        assertRefused(cli().run("pause", "fe01", "--service", "RTCFAX"), 2, "UNKNOWN_SERVICE");
        assertRefused(cli().run("pause", "fe09"), 2, "UNKNOWN_SERVER");
    }

    @Test
    @Order(4)
    void statusHasTheShapeOfTheSpec() {
        Cli.Result status = cli().run("status", "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        Map<String, Object> pool = Cli.object(Cli.list(status.json().get("pools")).get(0));
        assertThat(pool).containsEntry("name", "pool1").containsEntry("dnsLoadBalancing", true)
                .containsEntry("lostConnections", 0L);
        Map<String, Object> fe01 = Cli.object(Cli.list(pool.get("servers")).get(0));
        assertThat(fe01).containsEntry("name", "fe01").containsEntry("status", "PAUSING");
        Map<String, Object> frontEnd = Cli.object(Cli.list(fe01.get("services")).get(0));
        assertThat(frontEnd).containsEntry("name", "Lync Server Front-End").containsEntry("shortName", "RTCSRV")
                .containsEntry("status", "PAUSING").containsEntry("startup", "AUTOMATIC").containsEntry("sessions", 1L);
        assertThat(frontEnd.get("deadline")).isNotNull();

        Cli.Result text = cli().run("status", "fe01");
        assertThat(text.lines().get(0)).startsWith("pool pool1  (DNS load balancing on, 3 of 3 servers up, quorum 2");
        assertThat(text.lines()).hasSize(12)
                .anySatisfy(l -> assertThat(l).matches(" +RTCSRV +PAUSING +automatic +1 +deadline .*"));

        Cli.Result whole = cli().run("status");
        assertThat(whole.lines()).anySatisfy(l -> assertThat(l).matches(" +fe02 +all 9 +RUNNING +automatic +1"));

        assertRefused(cli().run("status", "pool9"), 2, "UNKNOWN_SERVER");
    }

    @Test
    @Order(5)
    void planSaysWhatAStopOrRestartWouldDo() {
        Cli.Result text = cli().run("plan", "fe01");
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).contains("plan for fe01 (pool pool1, PAUSING, 1 session)")
                .contains("stop: refused now, unless forced:", "(SESSIONS_ACTIVE)", "stop --force would do:")
                .contains("warning: Lync Server Front-End on fe01 is paused but starts automatically");

        Map<String, Object> json = cli().run("plan", "fe01", "--json").json();
        assertThat(json).containsEntry("server", "fe01").containsEntry("status", "PAUSING");
        assertThat(Cli.list(json.get("sessions"))).singleElement()
                .satisfies(s -> assertThat(Cli.object(s)).containsEntry("session", "c1").containsEntry("feature", "calls"));
        Map<String, Object> stop = Cli.object(json.get("stop"));
        assertThat(stop).containsEntry("allowedNow", false).containsEntry("blocked", null);
        assertThat(Cli.list(stop.get("guards"))).first()
                .satisfies(g -> assertThat(Cli.object(g)).containsEntry("code", "SESSIONS_ACTIVE"));
        assertThat(Cli.list(Cli.object(json.get("restart")).get("warnings")))
                .filteredOn(w -> Cli.object(w).get("code").equals("PAUSE_CLEARED_BY_RESTART")).hasSize(9);

        assertRefused(cli().run("plan", "fe09"), 2, "UNKNOWN_SERVER");
    }

    @Test
    @Order(6)
    void refusalsAndAuthorization() {
        Cli nobody = refusedForSessionsAndToOthers();
        // Another administrators group, by option or by environment.
        assertThat(nobody.run("pause", "fe01", "--groups", "Ops", "--admin-group", "Ops").exit()).isZero();
        assertRefused(cli().with("QUIESCE_ADMIN_GROUP", "Ops").run("pause", "fe01"), 4, "NOT_AUTHORIZED");
    }

    /**
     * What every night refuses, directly or through a server: stopping or restarting a server with
     * sessions, and changes by someone not in the administrators group. The caller in no group.
     */
    Cli refusedForSessionsAndToOthers() {
        assertRefused(cli().run("stop", "fe01"), 3, "SESSIONS_ACTIVE");
        Cli.Result restart = cli().run("restart", "fe01");
        assertRefused(restart, 3, "SESSIONS_ACTIVE");
        // Rule 9: the pause a restart would clear is warned about before.
        assertThat(restart.lines()).first().asString().startsWith("warning: Lync Server Front-End on fe01 is paused");

        // Without $QUIESCE_GROUPS the OS user is in no group: reading is open, changing is not.
        Cli nobody = Cli.in(home, Map.of("QUIESCE_DATA", home.resolve("data").toString()));
        Cli.Result refused = nobody.run("resume", "fe01");
        assertRefused(refused, 4, "NOT_AUTHORIZED");
        assertThat(refused.err()).contains("alice is not a member of Administrators");
        assertThat(nobody.run("status").exit()).isZero();
        assertRefused(cli().run("stop", "fe02", "--as", "bob", "--groups", "Users,Helpdesk"), 4, "NOT_AUTHORIZED");
        return nobody;
    }

    @Test
    @Order(7)
    void endDrainsTheLastSession() {
        Cli.Result ended = cli().run("end", "c1", "--json");
        assertThat(ended.exit()).as(ended.toString()).isZero();
        assertThat(ended.json()).isEqualTo(Map.of("session", "c1", "server", "fe01",
                "service", "Lync Server Front-End", "drained", true));
        assertRefused(cli().run("end", "c1"), 2, "UNKNOWN_SESSION");
    }

    @Test
    @Order(8)
    void aManualServerStaysOfflineAfterARestart() {
        Cli.Result manual = cli().run("startup", "fe01", "manual");
        assertThat(manual.lines()).hasSize(9).allSatisfy(l -> assertThat(l).endsWith("startup automatic -> manual"));

        Cli.Result restarted = cli().run("restart", "fe01", "--json");
        assertThat(restarted.exit()).as(restarted.toString()).isZero();
        assertThat(Cli.list(restarted.json().get("outcomes"))).hasSize(9).allSatisfy(o -> assertThat(Cli.object(o))
                .containsEntry("before", "DRAINED").containsEntry("after", "OFFLINE").containsEntry("pauseCleared", false));

        assertRefused(cli().run("pause", "fe01", "--service", "RTCSRV"), 3, "SERVICE_OFFLINE");
        assertThat(cli().run("startup", "fe01", "DISABLED", "--service", "RTCSRV").exit()).isZero();
        assertRefused(cli().run("start", "fe01", "--service", "rtcsrv"), 3, "STARTUP_DISABLED");

        Cli.Result started = cli().run("start", "fe01");
        assertThat(started.exit()).as(started.toString()).isZero();
        assertThat(started.lines().get(0)).matches("RTCSRV +Lync Server Front-End +unchanged: startup type is disabled");
        assertThat(started.lines().get(1)).endsWith("OFFLINE -> RUNNING");

        // Nothing needs doing: exit 0, and each service says why.
        Cli.Result resumed = cli().run("resume", "fe01");
        assertThat(resumed.exit()).isZero();
        assertThat(resumed.lines()).hasSize(9).allSatisfy(l -> assertThat(l).contains("unchanged: "));
    }

    @Test
    @Order(9)
    void guardsKeepThePoolServing() {
        // fe01's Front-End is offline, so fe01 is down: fe02 and fe03 carry the pool.
        assertThat(cli().run("end", "c2").exit()).isZero();
        assertRefused(cli().run("stop", "fe02"), 3, "QUORUM_GUARD");
        assertThat(cli().run("pause", "fe02").exit()).isZero();
        assertRefused(cli().run("pause", "fe03"), 3, "CAPACITY_GUARD");

        Cli.Result forced = cli().run("pause", "fe03", "--force");
        assertThat(forced.exit()).isZero();
        assertThat(forced.out()).contains("warning: forced: pausing fe03 leaves pool pool1 with no running")
                .doesNotContain("or force.");

        Cli.Result lost = cli().run("connect", "pool1", "--feature", "calls", "--id", "c3", "--json");
        assertThat(lost.exit()).isEqualTo(3);
        assertThat(lost.json()).containsEntry("session", "c3").containsEntry("server", null).containsEntry("service", null);
        assertThat(lost.errLines()).singleElement().asString().startsWith("refused (CONNECTION_LOST): ");
        Map<String, Object> pool = Cli.object(Cli.list(cli().run("status", "pool1", "--json").json().get("pools")).get(0));
        assertThat(pool).containsEntry("lostConnections", 1L);
    }

    @Test
    @Order(10)
    void withoutDnsLoadBalancingCallParkIsNotRerouted() {
        assertThat(cli().run("pool", "create", "pool2", "--no-dns-lb").out())
                .isEqualTo("created pool pool2 (DNS load balancing off)\n");
        assertThat(cli().run("server", "add", "pool2", "fe04").exit()).isZero();
        assertThat(cli().run("server", "add", "pool2", "fe05").exit()).isZero();
        assertThat(cli().run("connect", "pool2", "--feature", "call-park", "--id", "cp1").out()).contains("on fe04");

        Cli.Result paused = cli().run("pause", "fe04");
        assertThat(paused.out()).contains("warning: pool pool2 does not use DNS load balancing");

        assertThat(cli().run("connect", "pool2", "--feature", "call-park", "--id", "cp2").out()).contains("on fe05");
        Cli.Result stillLands = cli().run("connect", "pool2", "--feature", "call-park", "--id", "cp3");
        assertThat(stillLands.lines()).containsExactly("session cp3 on fe04: Lync Server Call Park (RTCCPS)",
                "note: Lync Server Call Park on fe04 is paused but still takes call-park: pool pool2 has no DNS load"
                        + " balancing to re-route it (rule 6).");

        assertRefused(cli().run("stop", "fe04", "--service", "RTCCPS"), 3, "DNS_LB_SESSIONS");
        Cli.Result forced = cli().run("stop", "fe04", "--service", "RTCCPS", "--force", "--json");
        assertThat(forced.exit()).isZero();
        assertThat(Cli.list(forced.json().get("interrupted"))).hasSize(2).allSatisfy(i ->
                assertThat(Cli.object(i)).containsEntry("cause", "FORCED_STOP").containsEntry("feature", "call-park"));

        assertThat(cli().run("pool", "set", "pool2", "--dns-lb", "on").out())
                .isEqualTo("pool pool2: DNS load balancing now on\n");
        Cli.Result again = cli().run("pool", "set", "pool2", "--dns-lb", "ON", "--json");
        assertThat(again.exit()).isZero();
        assertThat(again.json()).containsEntry("changed", false).containsEntry("dnsLoadBalancing", true);
    }
}
