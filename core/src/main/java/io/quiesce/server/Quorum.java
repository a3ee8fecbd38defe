package io.quiesce.server;

/**
 * How many servers of a pool must stay up: the Skype for Business pool-level quorum table.
 */
public final class Quorum {
    /** The table stops at 16; a larger pool is refused when servers are added. */
    public static final int MAX_POOL_SIZE = 16;

    private Quorum() {
    }

    /** Servers that must be up in a pool of {@code servers} servers. */
    public static int required(int servers) {
        if (servers < 1 || servers > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("no quorum defined for a pool of " + servers + " servers");
        }
        if (servers <= 2) {
            return servers;
        } else if (servers <= 4) {
            return 2;
        } else if (servers <= 6) {
            return 3;
        } else if (servers <= 9) {
            return 4;
        } else if (servers <= 12) {
            return 5;
        }
        return 7;
    }
}
