package io.quiesce.cli;

import io.quiesce.rollout.OnTimeout;
import io.quiesce.rollout.RolloutOptions;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/** The options {@code rollout plan} and {@code rollout start} share. */
public final class RolloutScheduleOptions {
    @Option(names = "--servers", paramLabel = "S1,S2", split = ",",
            description = "Only these servers, in this order (default: every server of the pool).")
    List<String> servers;

    @Option(names = "--max-unavailable", paramLabel = "N", defaultValue = "1",
            description = "At most N servers out at a time (default: 1).")
    int maxUnavailable;

    @Option(names = "--drain-timeout", paramLabel = "DURATION",
            description = "How long to wait for a paused server to drain (default: as long as it takes).")
    Duration drainTimeout;

    @Option(names = "--on-timeout", paramLabel = "wait|force|abort", defaultValue = "wait",
            description = "When the drain timeout passes: keep waiting, take it offline by force, or stop the rollout.")
    OnTimeout onTimeout;

    @Option(names = "--exec", paramLabel = "'COMMAND {server}'",
            description = "The patch step, run by sh with {server} replaced, while the server is offline.")
    String exec;

    public RolloutOptions options() {
        if (drainTimeout != null && (drainTimeout.isNegative() || drainTimeout.isZero())) {
            throw CliFailure.badInput("--drain-timeout must be a positive duration, not " + drainTimeout + ".");
        }
        if (exec != null && exec.isBlank()) {
            throw CliFailure.badInput("--exec needs a command.");
        }
        return new RolloutOptions(servers == null ? List.of() : servers.stream().map(String::trim).toList(),
                maxUnavailable, drainTimeout, onTimeout, exec);
    }
}
