package io.quiesce.cli.traffic;

import io.quiesce.auth.Principal;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.rules.Decision;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static io.quiesce.cli.traffic.Pool.FRONT_END;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * HAProxy obeys Quiesce: a real HAProxy on loopback in front of three small TCP servers standing
 * for fe01-fe03, each with an agent check to Quiesce and its sessions read back from HAProxy's
 * stats socket. Pausing fe01 stops new connections to it while its open ones go on; as they close
 * the observed count falls to 0 and fe01 is DRAINED by itself; stopped, and restarted with
 * startup manual, it gets no traffic; started and resumed, it does again. Without HAProxy the test
 * is skipped on a developer's machine and fails under CI=true.
 */
class HaproxyTrafficTest {
    static final String BACKEND = "lync";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void haproxyDrainsAPausedServerAndQuiesceSeesItDrained() throws Exception {
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(dir.resolve("data")).withFsync(false));
             TinyServer fe01 = new TinyServer("fe01"); TinyServer fe02 = new TinyServer("fe02");
             TinyServer fe03 = new TinyServer("fe03");
             AgentCheckListener agent = AgentCheckListener.start(new InetSocketAddress("127.0.0.1", 0),
                     q::statusAsync, q.rules().catalog())) {
            Operator alice = q.as(Principal.of("alice", "Administrators")).because("KB5031 patch");
            assertThat(alice.createPool("pool1")).isInstanceOf(Decision.Accepted.class);
            for (String s : List.of("fe01", "fe02", "fe03")) {
                assertThat(alice.addServer("pool1", s)).isInstanceOf(Decision.Accepted.class);
            }
            Map<String, Integer> servers = new LinkedHashMap<>();
            servers.put("fe01", fe01.port());
            servers.put("fe02", fe02.port());
            servers.put("fe03", fe03.port());
            try (Haproxy haproxy = new Haproxy(dir, BACKEND, servers, agent.address().getPort());
                 HaproxyStatsPoller poller = HaproxyStatsPoller.start("127.0.0.1:" + haproxy.statsPort,
                         Map.of(BACKEND, "RTCSRV"), Duration.ofMillis(200),
                         HaproxyStatsPoller.recordedBy(q.as(Principal.of("haproxy", "Administrators"))))) {
                for (String s : servers.keySet()) {
                    awaitTrue("HAProxy sees " + s + " up", () -> haproxy.status(BACKEND, s).equals("UP"));
                }

                // Given long-lived connections spread over the three servers.
                List<Client> before = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    before.add(new Client(haproxy.frontPort));
                }
                List<Client> onFe01 = before.stream().filter(c -> c.server().equals("fe01")).toList();
                assertThat(onFe01).as("round robin gave fe01 some connections").isNotEmpty();
                awaitTrue("the observed count on fe01 follows HAProxy's",
                        () -> frontEnd(q, "fe01").observed() == onFe01.size());

                // When fe01 is paused and its startup set to manual, as the procedure says.
                assertThat(alice.pause(Target.service("fe01", "RTCSRV"))).isInstanceOf(Decision.Accepted.class);
                assertThat(alice.setStartup(Target.server("fe01"), StartupType.MANUAL)).isInstanceOf(Decision.Accepted.class);
                assertThat(frontEnd(q, "fe01").status()).isEqualTo(ServiceStatus.PAUSING);
                awaitTrue("HAProxy drains fe01", () -> haproxy.status(BACKEND, "fe01").startsWith("DRAIN"));

                // Then new connections reach only fe02 and fe03, while fe01's open ones keep working.
                List<Client> after = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    after.add(new Client(haproxy.frontPort));
                }
                assertThat(after).extracting(Client::server).containsOnly("fe02", "fe03");
                for (Client c : onFe01) {
                    assertThat(c.say("still there?")).isEqualTo("fe01: still there?");
                }

                // As they close, the observed count falls to 0 and fe01 is DRAINED by itself.
                for (Client c : onFe01) {
                    c.close();
                }
                awaitTrue("fe01 turns DRAINED", () -> frontEnd(q, "fe01").status() == ServiceStatus.DRAINED);
                assertThat(frontEnd(q, "fe01").observed()).isZero();

                // Stopped, then restarted with startup manual: HAProxy keeps it out.
                assertThat(alice.stop(Target.server("fe01"))).isInstanceOf(Decision.Accepted.class);
                awaitTrue("HAProxy takes fe01 to maintenance", () -> haproxy.status(BACKEND, "fe01").startsWith("MAINT"));
                assertThat(alice.restart(Target.server("fe01"))).isInstanceOf(Decision.Accepted.class);
                assertThat(frontEnd(q, "fe01").status()).isEqualTo(ServiceStatus.OFFLINE);
                Thread.sleep(600); // three agent checks after the restart
                assertThat(haproxy.status(BACKEND, "fe01")).startsWith("MAINT");
                for (int i = 0; i < 6; i++) {
                    try (Client c = new Client(haproxy.frontPort)) {
                        assertThat(c.server()).isNotEqualTo("fe01");
                    }
                }

                // Started and resumed: traffic reaches fe01 again.
                assertThat(alice.start(Target.server("fe01"))).isInstanceOf(Decision.Accepted.class);
                assertThat(alice.resume(Target.server("fe01"))).isInstanceOf(Decision.Accepted.class);
                awaitTrue("HAProxy sends fe01 traffic again", () -> {
                    try (Client c = new Client(haproxy.frontPort)) {
                        return c.server().equals("fe01");
                    }
                });

                for (Client c : before) {
                    c.close();
                }
                for (Client c : after) {
                    c.close();
                }
            }
        }
    }

    private static ServiceState frontEnd(Quiesce q, String server) {
        return q.status().server(server).orElseThrow().service(FRONT_END);
    }

    /** Polls until the condition holds, for at most {@link #WAIT}. */
    private static void awaitTrue(String what, Callable<Boolean> condition) throws Exception {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            if (condition.call()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        fail("waited " + WAIT + " for: " + what);
    }
}
