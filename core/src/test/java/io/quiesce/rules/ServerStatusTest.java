package io.quiesce.rules;

import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.quiesce.rules.Scenario.CALL_PARK;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.drained;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.serverDrained;
import static io.quiesce.rules.Scenario.serverOffline;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.stopped;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/behaviour.md: a server's own status is derived from its services. */
class ServerStatusTest {

    private static ServiceState service(String name, ServiceStatus status) {
        return new ServiceState(FE01, name, status, StartupType.AUTOMATIC, Map.of(), null, T0);
    }

    /** Statuses of services a, b, c (in that order) give the server status. */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            "RUNNING, RUNNING, RUNNING, RUNNING",
            "OFFLINE, OFFLINE, RUNNING, RUNNING",
            "DRAINED, PAUSING, RUNNING, RUNNING",
            "RUNNING, OFFLINE, DRAINED, RUNNING",
            "OFFLINE, DRAINED, PAUSING, PAUSING",
            "PAUSING, OFFLINE, OFFLINE, PAUSING",
            "PAUSING, PAUSING, PAUSING, PAUSING",
            "OFFLINE, DRAINED, DRAINED, DRAINED",
            "DRAINED, OFFLINE, OFFLINE, DRAINED",
            "OFFLINE, OFFLINE, OFFLINE, OFFLINE"})
    void theFirstOfRunningPausingDrainedThatAnyServiceHas(ServiceStatus a, ServiceStatus b, ServiceStatus c,
                                                           ServiceStatus server) {
        List<ServiceState> services = List.of(service("a", a), service("b", b), service("c", c));
        assertThat(ServerState.statusOf(services)).isEqualTo(server);
    }

    @Test
    void aServerWithoutServicesIsOffline() {
        assertThat(ServerState.statusOf(List.of())).isEqualTo(ServiceStatus.OFFLINE);
    }

    @Test
    void derivedAsTheServerIsTakenDown() {
        Scenario s = threeServers();
        assertThat(s.server(FE01).status()).isEqualTo(ServiceStatus.RUNNING);
        s.given(sessionStarted(FE01, FRONT_END, "s1", "im"), paused(FE01, FRONT_END));
        assertThat(s.server(FE01).status()).as("others still running").isEqualTo(ServiceStatus.RUNNING);
        List<io.quiesce.event.Event> others = new ArrayList<>();
        for (String svc : Scenario.ROLE.serviceNames()) {
            if (!svc.equals(FRONT_END)) {
                others.add(paused(FE01, svc));
                others.add(drained(FE01, svc));
            }
        }
        s.given(others);
        assertThat(s.server(FE01).status()).isEqualTo(ServiceStatus.PAUSING);
        s.given(new io.quiesce.event.Event.SessionEnded(T0, FE01, FRONT_END, "s1", "admin"),
                drained(FE01, FRONT_END));
        assertThat(s.server(FE01).status()).isEqualTo(ServiceStatus.DRAINED);
        s.given(stopped(FE01, IM_CONF));
        assertThat(s.server(FE01).status()).isEqualTo(ServiceStatus.DRAINED);
    }

    @Test
    void aStoppedServerIsOfflineAndNotUp() {
        Scenario s = threeServers().given(serverOffline(FE01));
        assertThat(s.server(FE01).status()).isEqualTo(ServiceStatus.OFFLINE);
        assertThat(s.server(FE01).isUp()).isFalse();
    }

    @Test
    void aServerIsUpWhileItsCoreServiceIsNotOffline() {
        Scenario s = threeServers();
        assertThat(s.server(FE01).isUp()).isTrue();
        s.given(serverDrained(FE01));
        assertThat(s.server(FE01).isUp()).as("drained is up").isTrue();
        s.given(stopped(FE01, IM_CONF), stopped(FE01, CALL_PARK));
        assertThat(s.server(FE01).isUp()).as("other services do not count").isTrue();
        s.given(stopped(FE01, FRONT_END));
        assertThat(s.server(FE01).isUp()).isFalse();
    }

    @Test
    void aServerWhoseCoreServiceIsMissingIsNotUp() {
        Map<String, ServiceState> services = new LinkedHashMap<>();
        services.put("a", service("a", ServiceStatus.RUNNING));
        ServerState server = new ServerState(FE01, "pool1", "r", "core", services);
        assertThat(server.isUp()).isFalse();
        assertThat(server.status()).isEqualTo(ServiceStatus.RUNNING);
    }

    @Test
    void theSessionCountAddsUpEveryService() {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, FRONT_END, "a", "im"), sessionStarted(FE01, FRONT_END, "b", "im"),
                        sessionStarted(FE01, IM_CONF, "c", "im-conferencing"));
        assertThat(s.server(FE01).sessionCount()).isEqualTo(3);
        assertThat(s.server("fe02").sessionCount()).isZero();
    }

    @Test
    void servicesKeepTheRoleOrder() {
        Scenario s = threeServers().given(stopped(FE01, CALL_PARK));
        assertThat(s.server(FE01).services().keySet()).containsExactlyElementsOf(Scenario.ROLE.serviceNames());
    }

    @Test
    void statusLabelsAndPausedness() {
        assertThat(ServiceStatus.RUNNING.label()).isEqualTo("running");
        assertThat(ServiceStatus.DRAINED.label()).isEqualTo("drained");
        assertThat(ServiceStatus.RUNNING.isPaused()).isFalse();
        assertThat(ServiceStatus.PAUSING.isPaused()).isTrue();
        assertThat(ServiceStatus.DRAINED.isPaused()).isTrue();
        assertThat(ServiceStatus.OFFLINE.isPaused()).isFalse();
    }

    @Test
    void startupTypesParseIgnoringCase() {
        assertThat(StartupType.parse("automatic")).contains(StartupType.AUTOMATIC);
        assertThat(StartupType.parse("Manual")).contains(StartupType.MANUAL);
        assertThat(StartupType.parse("DISABLED")).contains(StartupType.DISABLED);
        assertThat(StartupType.parse("auto")).isEmpty();
        assertThat(StartupType.parse(null)).isEmpty();
        assertThat(StartupType.MANUAL.label()).isEqualTo("manual");
    }
}
