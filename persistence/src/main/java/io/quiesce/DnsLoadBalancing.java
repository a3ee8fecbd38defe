package io.quiesce;

/**
 * Whether a pool's clients find its servers through DNS load balancing. Without it, a session of
 * a feature that needs DNS load balancing is not re-routed off a paused server.
 */
public enum DnsLoadBalancing {
    /** The pool uses DNS load balancing: the default for a new pool. */
    ON,
    /** The pool does not use DNS load balancing. */
    OFF
}
