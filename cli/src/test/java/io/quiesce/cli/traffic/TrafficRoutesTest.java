package io.quiesce.cli.traffic;

import io.quiesce.auth.Principal;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static io.quiesce.cli.traffic.Pool.FRONT_END;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The traffic routes as {@code quiesce serve} mounts them, over HTTP: readiness without a token,
 * observe with one, and the metrics endpoint read back as Prometheus text.
 */
class TrafficRoutesTest {
    @TempDir
    Path dir;
    Served host;
    Quiesce quiesce;
    String token;

    @BeforeEach
    void open() {
        host = new Served(dir);
        quiesce = host.quiesce();
        token = host.token();
        Operator alice = quiesce.as(Principal.of("alice", "Administrators"));
        alice.createPool("pool1");
        alice.addServer("pool1", "fe01");
        alice.addServer("pool1", "fe02");
    }

    @AfterEach
    void close() {
        host.close();
    }

    @Test
    void readinessNeedsNoTokenAndFollowsThePause() throws Exception {
        assertThat(Http.get(host.url() + "/v1/ready/fe01/RTCSRV", null).statusCode()).isEqualTo(200);

        quiesce.as(Principal.of("alice", "Administrators")).pause(Target.service("fe01", "RTCSRV"));

        HttpResponse<String> paused = Http.get(host.url() + "/v1/ready/fe01/RTCSRV", null);
        assertThat(paused.statusCode()).isEqualTo(503);
        assertThat(paused.body()).contains("\"status\":\"DRAINED\"");
        assertThat(Http.get(host.url() + "/v1/ready/fe01", null).statusCode()).isEqualTo(503);
        assertThat(Http.get(host.url() + "/v1/ready/fe02", null).statusCode()).isEqualTo(200);
        assertThat(Http.get(host.url() + "/v1/ready/fe09", null).statusCode()).isEqualTo(404);
    }

    @Test
    void observeNeedsATokenAndRecordsTheCount() throws Exception {
        String body = "{\"server\":\"fe01\",\"service\":\"RTCSRV\",\"sessions\":4}";

        assertThat(Http.post(host.url() + "/v1/observe", null, body).statusCode()).isEqualTo(401);
        assertThat(quiesce.status().server("fe01").orElseThrow().service(FRONT_END).observed()).isZero();

        assertThat(Http.post(host.url() + "/v1/observe", token, body).statusCode()).isEqualTo(200);
        assertThat(quiesce.status().server("fe01").orElseThrow().service(FRONT_END).observed()).isEqualTo(4);
        assertThat(Http.post(host.url() + "/v1/observe", token, "{\"server\":\"fe01\"}").statusCode())
                .isEqualTo(400);
        assertThat(Http.post(host.url() + "/v1/observe", token,
                "{\"server\":\"fe09\",\"service\":\"RTCSRV\",\"sessions\":1}").statusCode()).isEqualTo(400);
    }

    @Test
    void metricsAreValidPrometheusTextWithTheQuiesceFamilies() throws Exception {
        Http.post(host.url() + "/v1/observe", token, "{\"server\":\"fe01\",\"service\":\"RTCSRV\",\"sessions\":2}");
        Http.post(host.url() + "/v1/commands", token, "{\"command\":\"pause\",\"server\":\"fe01\",\"service\":\"RTCSRV\"}");
        Http.post(host.url() + "/v1/observe", token, "{\"server\":\"fe01\",\"service\":\"RTCSRV\",\"sessions\":0}");

        // Listeners hear of drains and journal writes on their own thread, a moment after the answers.
        HttpResponse<String> scrape = null;
        Map<String, Double> m = Map.of();
        for (int i = 0; i < 50 && m.getOrDefault("quiesce_drains_completed_total", 0.0) < 1; i++) {
            Thread.sleep(i == 0 ? 0 : 100);
            scrape = Http.get(host.url() + "/metrics", null);
            m = PrometheusText.parse(scrape.body());
        }

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String fe01 = "server=\"fe01\",service=\"" + FRONT_END + "\"";
        assertThat(m).containsEntry("quiesce_service_status{" + fe01 + ",status=\"DRAINED\"}", 1.0)
                .containsEntry("quiesce_sessions{" + fe01 + ",source=\"observed\"}", 0.0)
                .containsEntry("quiesce_commands_total{command=\"observe\",outcome=\"changed\"}", 2.0)
                .containsEntry("quiesce_commands_total{command=\"pause\",outcome=\"changed\"}", 1.0)
                .containsEntry("quiesce_drains_completed_total", 1.0);
        assertThat(m.get("quiesce_journal_write_seconds_count")).isGreaterThan(0.0);
        assertThat(m.get("quiesce_drain_duration_seconds_count")).isEqualTo(1.0);
    }
}
