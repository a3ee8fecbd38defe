package io.quiesce.cli.traffic;

import io.quiesce.command.Command;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.quiesce.cli.traffic.Pool.FRONT_END;
import static io.quiesce.cli.traffic.Pool.T0;
import static io.quiesce.cli.traffic.Pool.act;
import static org.assertj.core.api.Assertions.assertThat;

/** The metrics, scraped and read back as Prometheus text. */
class TrafficMetricsTest {
    final TrafficMetrics metrics = new TrafficMetrics();

    @Test
    void givenAPausedServiceWithObservedSessions_thenGaugesShowItsSessionsAndStatus() {
        Pool pool = Pool.ofThree().observe("fe01", "RTCSRV", 3).pause("fe01", "RTCSRV");

        Map<String, Double> m = PrometheusText.parse(metrics.scrape(pool.state()));

        String fe01 = "server=\"fe01\",service=\"" + FRONT_END + "\"";
        assertThat(m).containsEntry("quiesce_sessions{" + fe01 + ",source=\"observed\"}", 3.0)
                .containsEntry("quiesce_sessions{" + fe01 + ",source=\"individual\"}", 0.0)
                .containsEntry("quiesce_service_status{" + fe01 + ",status=\"PAUSING\"}", 1.0)
                .containsEntry("quiesce_service_status{" + fe01 + ",status=\"RUNNING\"}", 0.0)
                .containsEntry("quiesce_service_status{server=\"fe02\",service=\"" + FRONT_END
                        + "\",status=\"RUNNING\"}", 1.0);
    }

    @Test
    void givenDecidedCommands_thenTheyAreCountedByOutcome() {
        Command pause = new Command.Pause("fe01", "RTCSRV", null, false, act());
        metrics.decided(pause, new Decision.Accepted(List.of(), List.of(), List.of()));
        metrics.decided(pause, new Decision.Rejected(new Rejection(RejectionCode.CAPACITY_GUARD, "no."), List.of()));
        metrics.decided(pause, new Decision.Rejected(new Rejection(RejectionCode.CAPACITY_GUARD, "no."), List.of()));
        metrics.failed(pause);

        Map<String, Double> m = PrometheusText.parse(metrics.scrape(Pool.ofThree().state()));

        assertThat(m).containsEntry("quiesce_commands_total{command=\"pause\",outcome=\"unchanged\"}", 1.0)
                .containsEntry("quiesce_commands_total{command=\"pause\",outcome=\"refused\"}", 2.0)
                .containsEntry("quiesce_commands_total{command=\"pause\",outcome=\"failed\"}", 1.0);
    }

    @Test
    void givenAServiceThatDrainedAfterTenMinutes_thenTheDrainAndItsDurationAreRecorded() {
        metrics.statusChanged("fe01", FRONT_END, ServiceStatus.RUNNING, ServiceStatus.PAUSING, T0);
        metrics.statusChanged("fe01", FRONT_END, ServiceStatus.PAUSING, ServiceStatus.DRAINED,
                T0.plus(Duration.ofMinutes(10)));
        metrics.journalWritten(Duration.ofMillis(4));

        Map<String, Double> m = PrometheusText.parse(metrics.scrape(Pool.ofThree().state()));

        assertThat(m).containsEntry("quiesce_drains_completed_total", 1.0)
                .containsEntry("quiesce_drain_duration_seconds_count", 1.0)
                .containsEntry("quiesce_drain_duration_seconds_sum", 600.0)
                .containsEntry("quiesce_journal_write_seconds_count", 1.0)
                .containsEntry("quiesce_journal_write_seconds_sum", 0.004);
    }
}
