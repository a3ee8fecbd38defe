package io.quiesce.cli.traffic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness: 200 while a service takes new connections, 503 otherwise, 404 for a name that does not exist. */
class ReadinessTest {
    final Readiness readiness = new Readiness(Pool.CATALOG);

    @Test
    void givenARunningService_then200() {
        Readiness.Verdict v = readiness.check(Pool.ofThree().state(), "fe01", "RTCSRV");
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.body()).containsEntry("ready", true).containsEntry("status", "RUNNING")
                .containsEntry("service", Pool.FRONT_END);
    }

    @Test
    void givenAPausedService_then503_andOtherServicesOfTheServerStayReady() {
        Pool pool = Pool.ofThree().pause("fe01", "RTCSRV");
        assertThat(readiness.check(pool.state(), "fe01", "RTCSRV").status()).isEqualTo(503);
        assertThat(readiness.check(pool.state(), "fe01", "RTCIMMCU").status()).isEqualTo(200);
        assertThat(readiness.check(pool.state(), "fe01", null).status()).as("the core service answers for the server")
                .isEqualTo(503);
    }

    @Test
    void givenAnUnknownName_then404WithAReason() {
        Readiness.Verdict server = readiness.check(Pool.ofThree().state(), "fe09", null);
        Readiness.Verdict service = readiness.check(Pool.ofThree().state(), "fe01", "RTCNOPE");
        assertThat(server.status()).isEqualTo(404);
        assertThat(server.body()).containsEntry("code", "UNKNOWN_SERVER");
        assertThat(service.status()).isEqualTo(404);
        assertThat(service.body()).containsEntry("code", "UNKNOWN_SERVICE");
    }
}
