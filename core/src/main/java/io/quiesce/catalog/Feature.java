package io.quiesce.catalog;

import java.util.Objects;

/**
 * A feature hosted by a Windows service, such as conferencing or Call Park.
 *
 * @param id                   the feature id used in commands ({@code call-park})
 * @param needsDnsLoadBalancing true when the feature relies on DNS load balancing to be re-routed
 *                             away from a paused server
 */
public record Feature(String id, boolean needsDnsLoadBalancing) {
    /** Refuses a missing id. */
    public Feature {
        Objects.requireNonNull(id, "id");
    }
}
