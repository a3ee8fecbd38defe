package io.quiesce.rules;

import io.quiesce.service.ServiceStatus;

/**
 * What a command did to one service: the per-service line of a whole-server command (rule 10).
 *
 * @param changed false when the service was already in the asked state (or the command does
 *                not apply to it), which is not an error
 * @param note    why it is unchanged, or null
 */
public record ServiceOutcome(String server, String service, ServiceStatus before, ServiceStatus after,
                             boolean changed, String note) {
    static ServiceOutcome changed(String server, String service, ServiceStatus before, ServiceStatus after) {
        return new ServiceOutcome(server, service, before, after, true, null);
    }

    static ServiceOutcome unchanged(String server, String service, ServiceStatus status, String note) {
        return new ServiceOutcome(server, service, status, status, false, note);
    }
}
