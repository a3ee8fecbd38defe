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

    /** Commands from a principal, checked by rule 16. */
    sealed interface Authorized extends Command {
        Act act();

        default Instant at() {
            return act().at();
        }
    }

    record CreatePool(String pool, boolean dnsLoadBalancing, Act act) implements Authorized {
    }

    record SetDnsLoadBalancing(String pool, boolean on, Act act) implements Authorized {
    }

    /** {@code role} null means the catalog's default role. */
    record AddServer(String pool, String server, String role, Act act) implements Authorized {
    }

    /** {@code deadline} (may be null) is how long sessions may continue before being cut off. */
    record Pause(String server, String service, Duration deadline, boolean force, Act act) implements Authorized {
    }

    record Resume(String server, String service, Act act) implements Authorized {
    }

    record Start(String server, String service, Act act) implements Authorized {
    }

    record Stop(String server, String service, boolean force, Act act) implements Authorized {
    }

    record SetStartup(String server, String service, StartupType type, Act act) implements Authorized {
        public SetStartup {
            Objects.requireNonNull(type, "type");
        }
    }

    record Restart(String server, boolean force, Act act) implements Authorized {
    }

    /** A new connection for {@code feature}; the caller picks a unique {@code session} id. */
    record Connect(String pool, String feature, String session, Act act) implements Authorized {
    }

    record End(String session, Act act) implements Authorized {
    }

    /** The clock says a pause deadline may have passed; it needs no principal. */
    record DeadlinePassed(String server, String service, Instant at) implements Command {
    }
}
