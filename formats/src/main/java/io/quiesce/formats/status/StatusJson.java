package io.quiesce.formats.status;

import io.quiesce.history.*;
import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.WindowsService;
import io.quiesce.pool.PoolState;
import io.quiesce.rules.Deployment;
import io.quiesce.server.Quorum;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The status shape, as maps and lists ready for {@link io.quiesce.formats.json.JsonText#write}: pools, their
 * servers with derived status, and each service with its status, startup type and sessions.
 */
public final class StatusJson {
    private StatusJson() {
    }

    public static Map<String, Object> of(Deployment d, Catalog catalog) {
        return of(d, catalog, pool -> true, server -> true);
    }

    /** Only the pools and servers asked for ({@code status POOL}, {@code status SERVER}). */
    public static Map<String, Object> of(Deployment d, Catalog catalog, Predicate<PoolState> pools,
                                         Predicate<ServerState> servers) {
        List<Object> shown = new ArrayList<>();
        for (PoolState pool : d.pools().values()) {
            if (pools.test(pool)) {
                shown.add(pool(d, pool, catalog, servers));
            }
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("pools", shown);
        return status;
    }

    private static Map<String, Object> pool(Deployment d, PoolState pool, Catalog catalog,
                                            Predicate<ServerState> include) {
        List<ServerState> members = d.serversOf(pool.name());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", pool.name());
        p.put("dnsLoadBalancing", pool.dnsLoadBalancing());
        p.put("lostConnections", pool.lostConnections());
        p.put("quorum", members.isEmpty() ? 0 : Quorum.required(members.size()));
        List<Object> servers = new ArrayList<>();
        for (ServerState server : members) {
            if (include.test(server)) {
                servers.add(server(server, catalog));
            }
        }
        p.put("servers", servers);
        return p;
    }

    public static Map<String, Object> server(ServerState server, Catalog catalog) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", server.name());
        s.put("pool", server.pool());
        s.put("role", server.role());
        s.put("status", server.status().name());
        s.put("up", server.isUp());
        s.put("sessions", server.sessionCount());
        List<Object> services = new ArrayList<>();
        for (ServiceState service : server.services().values()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", service.name());
            v.put("shortName", catalog.role(server.role()).flatMap(r -> r.service(service.name()))
                    .map(WindowsService::shortName).orElse(service.name()));
            v.put("status", service.status().name());
            v.put("startup", service.startup().name());
            v.put("sessions", service.sessionCount());
            if (service.deadline() != null) {
                v.put("deadline", service.deadline().toString());
            }
            if (service.since() != null) {
                v.put("since", service.since().toString());
            }
            services.add(v);
        }
        s.put("services", services);
        return s;
    }
}
