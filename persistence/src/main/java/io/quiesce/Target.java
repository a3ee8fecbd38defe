package io.quiesce;

import java.util.Objects;
import java.util.Optional;

/**
 * What a command addresses: a whole server ({@code Target.server("fe01")}), or one Windows
 * service of it by display or short name ({@code Target.service("fe01", "RTCSRV")}).
 */
public sealed interface Target permits Target.Server, Target.Service {
    /** The server addressed, or the server of the service addressed. */
    String server();

    /** The service addressed; empty for a whole server. */
    Optional<String> service();

    /** A whole server: every Windows service of its role. */
    static Server server(String name) {
        return new Server(name);
    }

    /** One Windows service of a server, by display name ("Lync Server Front-End") or short name ("RTCSRV"). */
    static Service service(String server, String service) {
        return new Service(server, service);
    }

    /**
     * A whole server.
     *
     * @param name the server's name, as added to its pool
     */
    record Server(String name) implements Target {
        /** Refuses a missing or blank name. */
        public Server {
            name = required(name, "server");
        }

        @Override
        public String server() {
            return name;
        }

        @Override
        public Optional<String> service() {
            return Optional.empty();
        }
    }

    /**
     * One Windows service of a server.
     *
     * @param server  the server's name
     * @param name    the service's display or short name
     */
    record Service(String server, String name) implements Target {
        /** Refuses a missing or blank server or service name. */
        public Service {
            server = required(server, "server");
            name = required(name, "service");
        }

        @Override
        public Optional<String> service() {
            return Optional.of(name);
        }
    }

    private static String required(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("a " + what + " name cannot be blank");
        }
        return value;
    }
}
