package io.quiesce.cli.traffic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quiesce.command.Command;
import io.quiesce.QuiesceListener;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /metrics}, in Prometheus text format through Micrometer's Prometheus registry:
 * <ul>
 *   <li>{@code quiesce_sessions{server,service,source}}: sessions per service, {@code source}
 *       {@code individual} (connected one by one) or {@code observed} (counted by a load balancer);</li>
 *   <li>{@code quiesce_service_status{server,service,status}}: 1 for the service's status, 0 for the others;</li>
 *   <li>{@code quiesce_commands_total{command,outcome}}: commands by outcome ({@code changed},
 *       {@code unchanged}, {@code refused}, {@code bad_input}, {@code not_authorized}, {@code failed});</li>
 *   <li>{@code quiesce_drains_completed_total} and {@code quiesce_drain_duration_seconds}: paused
 *       services that reached DRAINED, and how long from the pause;</li>
 *   <li>{@code quiesce_journal_write_seconds}: from issuing a batch's journal writes to their end.</li>
 * </ul>
 * Gauges are read from the state given at each scrape; the rest is counted as it happens.
 */
public final class TrafficMetrics implements QuiesceListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge sessions = MultiGauge.builder("quiesce.sessions")
            .description("Open sessions per service, connected one by one or observed by a load balancer")
            .register(registry);
    private final MultiGauge statuses = MultiGauge.builder("quiesce.service.status")
            .description("1 for the status a service is in, 0 for the others").register(registry);
    private final Counter drains = Counter.builder("quiesce.drains.completed")
            .description("Paused services that reached DRAINED").register(registry);
    private final Timer drainDuration = Timer.builder("quiesce.drain.duration")
            .description("From pausing a service to its being DRAINED").publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofHours(4))
            .register(registry);
    private final Timer journalWrites = Timer.builder("quiesce.journal.write")
            .description("From issuing a batch of journal writes to their completion").publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    /** When each paused service was paused, by "server\0service". */
    private final Map<String, Instant> pausedAt = new ConcurrentHashMap<>();

    /** The Prometheus text of every metric, the gauges read from {@code current}. */
    public synchronized String scrape(Deployment current) {
        List<MultiGauge.Row<?>> sessionRows = new ArrayList<>();
        List<MultiGauge.Row<?>> statusRows = new ArrayList<>();
        for (ServerState server : current.servers().values()) {
            for (ServiceState s : server.services().values()) {
                Tags where = Tags.of("server", s.server(), "service", s.name());
                sessionRows.add(MultiGauge.Row.of(where.and("source", "individual"), s.sessions().size()));
                sessionRows.add(MultiGauge.Row.of(where.and("source", "observed"), s.observed()));
                for (ServiceStatus status : ServiceStatus.values()) {
                    statusRows.add(MultiGauge.Row.of(where.and("status", status.name()), s.status() == status ? 1 : 0));
                }
            }
        }
        sessions.register(sessionRows, true);
        statuses.register(statusRows, true);
        return registry.scrape();
    }

    /** Counts a command by what came of it. */
    @Override
    public void decided(Command command, Decision decision) {
        String outcome;
        if (decision instanceof Decision.Rejected r) {
            outcome = switch (r.rejection().code().kind()) {
                case BAD_INPUT -> "bad_input";
                case RULE -> "refused";
                case NOT_AUTHORIZED -> "not_authorized";
            };
        } else {
            outcome = ((Decision.Accepted) decision).changedNothing() ? "unchanged" : "changed";
        }
        count(command, outcome);
    }

    /** Counts a command the journal did not confirm (failure or timeout). */
    @Override
    public void failed(Command command) {
        count(command, "failed");
    }

    private void count(Command command, String outcome) {
        registry.counter("quiesce.commands", "command", command.verb(), "outcome", outcome).increment();
    }

    @Override
    public void statusChanged(String server, String service, ServiceStatus from, ServiceStatus to, Instant at) {
        String key = server + "\u0000" + service;
        if (from == ServiceStatus.RUNNING && to.isPaused()) {
            pausedAt.put(key, at);
        }
        if (to == ServiceStatus.DRAINED) {
            drains.increment();
            Instant since = pausedAt.getOrDefault(key, at);
            drainDuration.record(Duration.between(since, at).isNegative() ? Duration.ZERO : Duration.between(since, at));
        }
        if (!to.isPaused()) {
            pausedAt.remove(key);
        }
    }

    @Override
    public void journalWritten(Duration took) {
        journalWrites.record(took);
    }
}
