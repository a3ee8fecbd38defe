package io.quiesce.cli.cluster;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one node says of the cluster ({@code GET /v1/cluster}): its own address, the members it
 * knows with their status, and which node holds each pool's shard.
 *
 * @param node    the answering node, {@code HOST:PORT}
 * @param members address to status ({@code Up}, {@code Joining}, {@code Leaving}, {@code Down} ...)
 * @param pools   pool to the address of the node that holds it; a pool not started yet may be absent
 */
record ClusterView(String node, Map<String, String> members, Map<String, String> pools) {
    static ClusterView of(Map<String, Object> json) {
        Map<String, String> members = new LinkedHashMap<>();
        if (json.get("members") instanceof List<?> list) {
            for (Object m : list) {
                if (m instanceof Map<?, ?> member) {
                    members.put(String.valueOf(member.get("address")), String.valueOf(member.get("status")));
                }
            }
        }
        Map<String, String> pools = new LinkedHashMap<>();
        if (json.get("pools") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> pools.put(String.valueOf(k), String.valueOf(v)));
        }
        return new ClusterView(String.valueOf(json.get("node")), members, pools);
    }

    /** Exactly these members, every one Up. */
    boolean allUp(Collection<String> addresses) {
        return members.size() == addresses.size()
                && addresses.stream().allMatch(a -> "Up".equals(members.get(a)));
    }

    /** The member is no longer one: absent, or downed or removed. */
    boolean gone(String address) {
        String status = members.get(address);
        return status == null || status.equals("Down") || status.equals("Removed");
    }

    Optional<String> owner(String pool) {
        return Optional.ofNullable(pools.get(pool));
    }
}
