package io.quiesce.cli;

import io.quiesce.formats.status.StatusJson;
import io.quiesce.pool.PoolState;
import io.quiesce.rules.Deployment;
import io.quiesce.server.Quorum;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The status of pools, servers and services: a table for people, the docs/cli.md shape for tools.
 * A server whose services all share one state is shown on one line; otherwise, and whenever a
 * single server is asked for, every service gets its own line.
 */
public final class StatusReport {
    /** Which part of the deployment to show. */
    public record Selection(String pool, String server) {
        public static Selection all() {
            return new Selection(null, null);
        }

        static Selection pool(String pool) {
            return new Selection(pool, null);
        }

        static Selection server(ServerState server) {
            return new Selection(server.pool(), server.name());
        }

        boolean includes(PoolState p) {
            return pool == null || io.quiesce.text.Names.same(pool, p.name());
        }

        boolean includes(ServerState s) {
            return server == null || io.quiesce.text.Names.same(server, s.name());
        }
    }

    private final ServiceNames names;

    public StatusReport(ServiceNames names) {
        this.names = names;
    }

    private Deployment deployment() {
        return names.deployment();
    }

    void print(Output out, Selection selection) {
        if (out.json()) {
            out.json(json(selection));
        } else {
            out.lines(lines(selection));
        }
    }

    public List<String> lines(Selection selection) {
        List<String> lines = new ArrayList<>();
        if (deployment().pools().isEmpty()) {
            lines.add("no pools yet: create one with 'quiesce pool create POOL'.");
            return lines;
        }
        for (PoolState pool : deployment().pools().values()) {
            if (!selection.includes(pool)) {
                continue;
            }
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.add(poolHeadline(pool));
            Table table = new Table().row("SERVER", "SERVICE", "STATUS", "STARTUP", "SESSIONS", "");
            for (ServerState server : deployment().serversOf(pool.name())) {
                if (selection.includes(server)) {
                    serverRows(table, server, selection.server() != null);
                }
            }
            lines.addAll(table.lines("  "));
        }
        return lines;
    }

    private String poolHeadline(PoolState pool) {
        List<ServerState> servers = deployment().serversOf(pool.name());
        String quorum = servers.isEmpty() ? "no servers yet"
                : servers.stream().filter(ServerState::isUp).count() + " of " + servers.size() + " servers up, quorum "
                + Quorum.required(servers.size());
        return "pool " + pool.name() + "  (DNS load balancing " + OnOff.label(pool.dnsLoadBalancing()) + ", "
                + quorum + ", lost connections " + pool.lostConnections() + ")";
    }

    private void serverRows(Table table, ServerState server, boolean everyService) {
        List<ServiceState> services = List.copyOf(server.services().values());
        ServiceState first = services.get(0);
        boolean uniform = services.stream().allMatch(s -> s.status() == first.status()
                && s.startup() == first.startup() && s.deadline() == null);
        if (uniform && !everyService) {
            table.row(server.name(), "all " + services.size(), server.status().name(), first.startup().label(),
                    String.valueOf(server.sessionCount()), "");
            return;
        }
        table.row(server.name(), services.size() + " services", server.status().name(), "",
                String.valueOf(server.sessionCount()), "");
        for (ServiceState s : services) {
            table.row("", names.shortName(server.name(), s.name()), s.status().name(), s.startup().label(),
                    String.valueOf(s.sessionCount()), s.deadline() == null ? "" : "deadline " + Times.format(s.deadline()));
        }
    }

    Map<String, Object> json(Selection selection) {
        return StatusJson.of(deployment(), names.catalog(), selection::includes, selection::includes);
    }
}
