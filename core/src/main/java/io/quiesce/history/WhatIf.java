package io.quiesce.history;

import io.quiesce.service.StartupType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A changed setting under which a history's commands are decided again:
 * {@code startup.SERVER[.SERVICE]=automatic|manual|disabled} pins a startup type from the moment
 * the server is added; {@code dnsLoadBalancing.POOL=on|off} pins a pool's setting.
 *
 * @param startup keys {@code SERVER} (every service) or {@code SERVER.SERVICE}
 */
public record WhatIf(Map<String, StartupType> startup, Map<String, Boolean> dnsLoadBalancing) {
    public WhatIf {
        startup = Map.copyOf(startup);
        dnsLoadBalancing = Map.copyOf(dnsLoadBalancing);
    }

    /** Parses {@code KEY=VALUE} settings; an unknown key or value is an {@link IllegalArgumentException}. */
    public static WhatIf parse(List<String> settings) {
        Map<String, StartupType> startup = new LinkedHashMap<>();
        Map<String, Boolean> dns = new LinkedHashMap<>();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--what-if " + setting + ": expected KEY=VALUE");
            }
            String key = setting.substring(0, eq);
            String value = setting.substring(eq + 1);
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

    /** The startup type pinned for a server as a whole ({@code service} null) or one service of it. */
    StartupType startupOf(String server, String service) {
        return service == null ? startup.get(server) : startup.get(server + "." + service);
    }
}
