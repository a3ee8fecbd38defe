package io.quiesce.command;

import io.quiesce.service.StartupType;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an operator, a user's client or the clock asks of the deployment. A {@code service} of
 * null addresses the whole server (rule 10); a service is named by display or short name.
 */
public sealed interface Command {
    /** When the command is decided. */
    Instant at();

    /** The same command at another time. */
    Command withAt(Instant time);

    /** The command's name in history files and on the command line ({@code pause}, {@code startup}). */
    String verb();

    /** Commands from a principal, checked by rule 16. */
    sealed interface Authorized extends Command {
        /** Who asks, when, and why. */
        Act act();

        default Instant at() {
            return act().at();
        }
    }

    /** Creates a pool, with or without DNS load balancing. */
    record CreatePool(String pool, boolean dnsLoadBalancing, Act act) implements Authorized {
        @Override
        public String verb() {
            return "createPool";
        }

        @Override
        public CreatePool withAt(Instant time) {
            return new CreatePool(pool, dnsLoadBalancing, act.withAt(time));
        }
    }

    /** Turns DNS load balancing of a pool on or off. */
    record SetDnsLoadBalancing(String pool, boolean on, Act act) implements Authorized {
        @Override
        public String verb() {
            return "setDnsLoadBalancing";
        }

        @Override
        public SetDnsLoadBalancing withAt(Instant time) {
            return new SetDnsLoadBalancing(pool, on, act.withAt(time));
        }
    }

    /** {@code role} null means the catalog's default role. */
    record AddServer(String pool, String server, String role, Act act) implements Authorized {
        @Override
        public String verb() {
            return "addServer";
        }

        @Override
        public AddServer withAt(Instant time) {
            return new AddServer(pool, server, role, act.withAt(time));
        }
    }

    /**
     * Prevents new connections. {@code deadline} (may be null) is how long sessions may continue
     * before being cut off; on a service already paused it replaces the pause's deadline, and
     * {@code clearDeadline} removes it. Neither leaves an existing deadline as it is.
     */
    record Pause(String server, String service, Duration deadline, boolean clearDeadline, boolean force, Act act)
            implements Authorized {
        /** Refuses a deadline together with clearing it. */
        public Pause {
            if (deadline != null && clearDeadline) {
                throw new IllegalArgumentException("a pause sets a deadline or clears it, not both");
            }
        }

        /** A pause that sets a deadline, or none (keeping the deadline of a service already paused). */
        public Pause(String server, String service, Duration deadline, boolean force, Act act) {
            this(server, service, deadline, false, force, act);
        }

        @Override
        public String verb() {
            return "pause";
        }

        @Override
        public Pause withAt(Instant time) {
            return new Pause(server, service, deadline, clearDeadline, force, act.withAt(time));
        }
    }

    /** Lets a paused or drained service, or a whole server, take new connections again. */
    record Resume(String server, String service, Act act) implements Authorized {
        @Override
        public String verb() {
            return "resume";
        }

        @Override
        public Resume withAt(Instant time) {
            return new Resume(server, service, act.withAt(time));
        }
    }

    /** Starts a stopped service, or every service of a server. */
    record Start(String server, String service, Act act) implements Authorized {
        @Override
        public String verb() {
            return "start";
        }

        @Override
        public Start withAt(Instant time) {
            return new Start(server, service, act.withAt(time));
        }
    }

    /** Stops a service, or a whole server; {@code force} stops it even with sessions still active. */
    record Stop(String server, String service, boolean force, Act act) implements Authorized {
        @Override
        public String verb() {
            return "stop";
        }

        @Override
        public Stop withAt(Instant time) {
            return new Stop(server, service, force, act.withAt(time));
        }
    }

    /** Sets the startup type (automatic, manual, disabled) of a service or of every service of a server. */
    record SetStartup(String server, String service, StartupType type, Act act) implements Authorized {
        @Override
        public String verb() {
            return "startup";
        }

        /** Refuses a missing startup type. */
        public SetStartup {
            Objects.requireNonNull(type, "type");
        }
        @Override
        public SetStartup withAt(Instant time) {
            return new SetStartup(server, service, type, act.withAt(time));
        }
    }

    /** Stops and starts every service of a server; {@code force} even with sessions still active. */
    record Restart(String server, boolean force, Act act) implements Authorized {
        @Override
        public String verb() {
            return "restart";
        }

        @Override
        public Restart withAt(Instant time) {
            return new Restart(server, force, act.withAt(time));
        }
    }

    /** A new connection for {@code feature}; the caller picks a unique {@code session} id. */
    record Connect(String pool, String feature, String session, Act act) implements Authorized {
        @Override
        public String verb() {
            return "connect";
        }

        @Override
        public Connect withAt(Instant time) {
            return new Connect(pool, feature, session, act.withAt(time));
        }
    }

    /** Ends an active session, wherever it runs. */
    record End(String session, Act act) implements Authorized {
        @Override
        public String verb() {
            return "end";
        }

        @Override
        public End withAt(Instant time) {
            return new End(session, act.withAt(time));
        }
    }

    /**
     * A count of a service's open connections, as a load balancer sees them ({@code sessions}),
     * fed instead of individual sessions; {@code service} is required.
     */
    record Observe(String server, String service, int sessions, Act act) implements Authorized {
        @Override
        public String verb() {
            return "observe";
        }

        @Override
        public Observe withAt(Instant time) {
            return new Observe(server, service, sessions, act.withAt(time));
        }
    }

    /** The clock says a pause deadline may have passed; it needs no principal. */
    record DeadlinePassed(String server, String service, Instant at) implements Command {
        @Override
        public String verb() {
            return "deadlinePassed";
        }

        @Override
        public DeadlinePassed withAt(Instant time) {
            return new DeadlinePassed(server, service, time);
        }
    }
}
