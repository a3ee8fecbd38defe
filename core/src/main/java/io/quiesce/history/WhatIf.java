package io.quiesce.history;

import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.WindowsService;
import io.quiesce.rules.Deployment;
import io.quiesce.server.ServerState;
import io.quiesce.service.StartupType;
import io.quiesce.text.Names;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A changed setting under which a history's commands are decided again:
 * {@code startup.SERVER[.SERVICE]=automatic|manual|disabled} pins a startup type from the moment
 * the server is added; {@code dnsLoadBalancing.POOL=on|off} pins a pool's setting.
 *
 * Names are matched as the rules match them, ignoring case; a setting for one service wins over
 * one for its whole server.
 *
 * @param startup keys {@code SERVER} (every service) or {@code SERVER.SERVICE}
 */
public record WhatIf(Map<String, StartupType> startup, Map<String, Boolean> dnsLoadBalancing) {
    public WhatIf {
        startup = ignoringCase(startup);
        dnsLoadBalancing = ignoringCase(dnsLoadBalancing);
    }

    private static <T> Map<String, T> ignoringCase(Map<String, T> values) {
        Map<String, T> map = new TreeMap<>(Names.ORDER);
        map.putAll(values);
        return Collections.unmodifiableMap(map);
    }

    /** Parses {@code KEY=VALUE} settings; an unknown key or value is an {@link IllegalArgumentException}. */
    public static WhatIf parse(List<String> settings) {
        Map<String, StartupType> startup = new TreeMap<>(Names.ORDER);
        Map<String, Boolean> dns = new TreeMap<>(Names.ORDER);
        Map<String, String> given = new TreeMap<>(Names.ORDER);
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--what-if " + setting + ": expected KEY=VALUE");
            }
            String key = setting.substring(0, eq);
            String value = setting.substring(eq + 1);
            String earlier = given.putIfAbsent(key, setting);
            if (earlier != null && !earlier.substring(earlier.indexOf('=') + 1).equalsIgnoreCase(value)) {
                throw contradiction(earlier, setting);
            }
            if (key.startsWith("startup.") && key.length() > "startup.".length()) {
                startup.put(key.substring("startup.".length()), StartupType.parse(value).orElseThrow(() ->
                        new IllegalArgumentException("--what-if " + setting + ": the startup type must be"
                                + " automatic, manual or disabled")));
            } else if (key.startsWith("dnsLoadBalancing.") && key.length() > "dnsLoadBalancing.".length()) {
                if (!value.equalsIgnoreCase("on") && !value.equalsIgnoreCase("off")) {
                    throw new IllegalArgumentException("--what-if " + setting + ": use on or off");
                }
                dns.put(key.substring("dnsLoadBalancing.".length()), value.equalsIgnoreCase("on"));
            } else {
                throw new IllegalArgumentException("--what-if " + setting + ": the key must be startup.SERVER,"
                        + " startup.SERVER.SERVICE or dnsLoadBalancing.POOL");
            }
        }
        return new WhatIf(startup, dns);
    }

    /**
     * Refuses settings that would change nothing because they name what the history does not hold
     * (at {@code state}: the pools and servers a replay of it builds), and settings for one service
     * under two of its names with different values. A typo must not read as "nothing differs".
     */
    public void check(Deployment state, Catalog catalog) {
        dnsLoadBalancing.keySet().forEach(pool -> {
            if (state.pool(pool).isEmpty()) {
                throw new IllegalArgumentException("--what-if dnsLoadBalancing." + pool + ": the history has no pool "
                        + pool + ".");
            }
        });
        Map<String, Map.Entry<String, StartupType>> byService = new HashMap<>();
        startup.forEach((key, type) -> {
            String target = target(key, state, catalog);
            Map.Entry<String, StartupType> earlier = byService.putIfAbsent(target, Map.entry(key, type));
            if (earlier != null && earlier.getValue() != type) {
                throw contradiction("startup." + earlier.getKey() + "=" + earlier.getValue().label(),
                        "startup." + key + "=" + type.label());
            }
        });
    }

    /** The server (and display name of the service) a startup key names, in one spelling. */
    private static String target(String key, Deployment state, Catalog catalog) {
        Optional<ServerState> whole = state.server(key);
        if (whole.isPresent()) {
            return whole.get().name();
        }
        for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
            Optional<ServerState> server = state.server(key.substring(0, dot));
            if (server.isPresent()) {
                String service = key.substring(dot + 1);
                Optional<WindowsService> named = catalog.role(server.get().role()).flatMap(r -> r.service(service));
                if (named.isEmpty()) {
                    throw new IllegalArgumentException("--what-if startup." + key + ": " + server.get().name()
                            + " has no service " + service + ": use a display name or a short name such as RTCSRV.");
                }
                return server.get().name() + "." + named.get().displayName();
            }
        }
        String server = key.indexOf('.') > 0 ? key.substring(0, key.indexOf('.')) : key;
        throw new IllegalArgumentException("--what-if startup." + key + ": the history has no server " + server + ".");
    }

    private static IllegalArgumentException contradiction(String one, String other) {
        return new IllegalArgumentException("--what-if " + one + " and " + other
                + " contradict each other: keep one.");
    }

    /** The startup type pinned for a server as a whole ({@code service} null) or one service of it. */
    StartupType startupOf(String server, String service) {
        return service == null ? startup.get(server) : startup.get(server + "." + service);
    }
}
