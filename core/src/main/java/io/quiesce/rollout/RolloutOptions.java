package io.quiesce.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to roll a pool.
 *
 * @param servers        the servers to roll, in order; empty: every server of the pool in the order added
 * @param maxUnavailable how many servers may be out at once
 * @param drainTimeout   how long to wait for a paused server to drain before {@code onTimeout}; null: no limit
 * @param onTimeout      what to do when the drain timeout passes
 * @param exec           the patch command, {@code {server}} replaced by the server's name; null: no patch step
 */
public record RolloutOptions(List<String> servers, int maxUnavailable, Duration drainTimeout, OnTimeout onTimeout,
                             String exec) {
    public RolloutOptions {
        servers = List.copyOf(servers);
        Objects.requireNonNull(onTimeout, "onTimeout");
    }

    /** Every server, one at a time, waiting as long as sessions last, no patch step. */
    public static RolloutOptions defaults() {
        return new RolloutOptions(List.of(), 1, null, OnTimeout.WAIT, null);
    }

    public RolloutOptions withServers(List<String> names) {
        return new RolloutOptions(names, maxUnavailable, drainTimeout, onTimeout, exec);
    }

    public RolloutOptions withMaxUnavailable(int n) {
        return new RolloutOptions(servers, n, drainTimeout, onTimeout, exec);
    }

    public RolloutOptions withDrainTimeout(Duration timeout, OnTimeout then) {
        return new RolloutOptions(servers, maxUnavailable, timeout, then, exec);
    }

    public RolloutOptions withExec(String command) {
        return new RolloutOptions(servers, maxUnavailable, drainTimeout, onTimeout, command);
    }

    /** The patch command for one server. */
    public String execFor(String server) {
        return exec.replace("{server}", server);
    }
}
