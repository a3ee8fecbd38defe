package io.quiesce.cli.traffic;

import io.quiesce.catalog.Catalog;
import io.quiesce.rules.Deployment;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/ready/SERVER[/SERVICE]}: 200 while the service takes new connections (it is
 * RUNNING), 503 otherwise, for Kubernetes readiness probes, Envoy and cloud load balancer health
 * checks. Without a service the server's core service answers, as for the agent check. A name
 * that does not exist is 404: a probe must not mistake a typo for a server in maintenance.
 */
final class Readiness {
    /** The HTTP status and a small JSON body saying why. */
    record Verdict(int status, Map<String, Object> body) {
    }

    private final ServiceLookup lookup;

    Readiness(Catalog catalog) {
        this.lookup = new ServiceLookup(catalog);
    }

    Verdict check(Deployment d, String serverName, String serviceName) {
        Optional<ServerState> server = d.server(serverName);
        if (server.isEmpty()) {
            return unknown("UNKNOWN_SERVER", "no server named " + serverName + ": check the name with status.");
        }
        Optional<ServiceState> service = serviceName == null ? Optional.of(lookup.core(server.get()))
                : lookup.find(server.get(), serviceName);
        if (service.isEmpty()) {
            return unknown("UNKNOWN_SERVICE", serverName + " has no service named " + serviceName
                    + ": use a display name or a short name such as RTCSRV.");
        }
        ServiceState s = service.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server", s.server());
        body.put("service", s.name());
        body.put("status", s.status().name());
        boolean ready = s.status() == ServiceStatus.RUNNING;
        body.put("ready", ready);
        return new Verdict(ready ? 200 : 503, body);
    }

    private static Verdict unknown(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return new Verdict(404, body);
    }
}
