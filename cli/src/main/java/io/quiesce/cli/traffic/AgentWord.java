package io.quiesce.cli.traffic;

import io.quiesce.service.ServiceStatus;

/**
 * The words of HAProxy's agent check protocol that Quiesce answers with. {@code drain} is the
 * load balancer's own "prevent new connections": no new connection, existing ones go on.
 */
enum AgentWord {
    /** Takes new connections. */
    READY_UP("ready up"),
    /** Paused: no new connection, existing ones continue. */
    DRAIN("drain"),
    /** Stopped: HAProxy takes the server out of rotation for maintenance. */
    MAINT("maint"),
    /** No such server or service: HAProxy marks it down rather than trust it. */
    DOWN("down");

    private final String text;

    AgentWord(String text) {
        this.text = text;
    }

    static AgentWord of(ServiceStatus status) {
        return switch (status) {
            case RUNNING -> READY_UP;
            case PAUSING, DRAINED -> DRAIN;
            case OFFLINE -> MAINT;
        };
    }

    /** The answer line as HAProxy reads it. */
    String line() {
        return text + "\n";
    }
}
