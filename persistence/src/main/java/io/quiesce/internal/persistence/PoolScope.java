package io.quiesce.internal.persistence;

import io.quiesce.command.Command;

import java.util.Optional;

/**
 * What a process that holds one pool, beside other processes holding the others, may decide: the
 * commands that name that pool, and those that name no pool (a server or a session the pool may or
 * may not have, which the rules decide as usual). A command naming another pool belongs to the
 * process that holds that pool.
 */
final class PoolScope {
    private PoolScope() {
    }

    /** Why a process holding {@code held} only does not take {@code command}; empty when it does. */
    static Optional<String> refusal(String held, Command command) {
        String named = poolNamed(command);
        if (held == null || named == null || named.equals(held)) {
            return Optional.empty();
        }
        return Optional.of(elsewhere(held, command.verb() + " on pool " + named));
    }

    /** The refusal of {@code what} (a verb and its pool) to a process that holds {@code held} only. */
    static String elsewhere(String held, String what) {
        return "this process holds pool " + held + " only; " + what + " goes to the process that holds that pool"
                + " (nothing was recorded)";
    }

    /** The pool a command names; null for those that name a server, a service or a session only. */
    private static String poolNamed(Command command) {
        if (command instanceof Command.CreatePool c) {
            return c.pool();
        }
        if (command instanceof Command.SetDnsLoadBalancing c) {
            return c.pool();
        }
        if (command instanceof Command.AddServer c) {
            return c.pool();
        }
        if (command instanceof Command.Connect c) {
            return c.pool();
        }
        return null;
    }
}
