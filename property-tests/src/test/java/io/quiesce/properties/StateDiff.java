package io.quiesce.properties;

import io.quiesce.rules.Deployment;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Where two deployments differ, pool by pool and service by service, for failure messages. */
final class StateDiff {
    private StateDiff() {
    }

    static String describe(Deployment expected, Deployment actual) {
        List<String> out = new ArrayList<>();
        TreeSet<String> pools = new TreeSet<>(expected.pools().keySet());
        pools.addAll(actual.pools().keySet());
        for (String p : pools) {
            if (!Objects.equals(expected.pools().get(p), actual.pools().get(p))) {
                out.add("pool " + p + ": expected " + expected.pools().get(p) + ", got " + actual.pools().get(p));
            }
        }
        TreeSet<String> servers = new TreeSet<>(expected.servers().keySet());
        servers.addAll(actual.servers().keySet());
        for (String s : servers) {
            ServerState e = expected.servers().get(s);
            ServerState a = actual.servers().get(s);
            if (e == null || a == null || !e.services().keySet().equals(a.services().keySet())) {
                out.add("server " + s + ": expected " + e + ", got " + a);
                continue;
            }
            if (!e.equals(a) && e.services().equals(a.services())) {
                out.add("server " + s + ": expected " + e + ", got " + a);
            }
            for (String name : e.services().keySet()) {
                ServiceState es = e.service(name);
                ServiceState as = a.service(name);
                if (!es.equals(as)) {
                    out.add("expected " + es + "\n      got " + as);
                }
            }
        }
        return out.isEmpty() ? "no difference" : String.join("\n    ", out);
    }
}
