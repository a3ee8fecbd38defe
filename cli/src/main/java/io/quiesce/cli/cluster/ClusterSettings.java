package io.quiesce.cli.cluster;

import java.time.Duration;
import java.util.List;

/**
 * How a node joins the cluster.
 *
 * @param host        the address other nodes reach this one at
 * @param port        its port (for Pekko's remoting, not HTTP)
 * @param seeds       HOST:PORT of the seed nodes (the same list on every node)
 * @param stableAfter how long membership must be stable before the split brain resolver downs unreachable nodes
 * @param wakeEvery   how often every pool is woken where sharding puts it
 * @param callTimeout how long a call waits for the node that holds its pool
 */
public record ClusterSettings(String host, int port, List<String> seeds, Duration stableAfter, Duration wakeEvery,
                              Duration callTimeout) {
    /** Pekko's advice for a cluster of a few nodes; tests shorten it with {@code -Dquiesce.cluster.stable-after}. */
    public static final Duration STABLE_AFTER = Duration.ofSeconds(20);
}
