package io.quiesce.cli.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@code quiesce serve} listens.
 *
 * @param host           the address to listen on; anything but loopback needs TLS
 * @param port           the port (0: any free one, written to serve.json)
 * @param keystore       a PKCS#12 key store for TLS, or null for plain HTTP on loopback
 * @param keystorePassword its password
 * @param idleTimeout    a connection with no traffic this long is closed (slow or abandoned clients)
 * @param maxBody        the largest request body read, in bytes
 * @param routes         more routes to mount beside the API
 */
public record ServeSettings(String host, int port, Path keystore, char[] keystorePassword, Duration idleTimeout,
                            int maxBody, List<RouteProvider> routes) {
    public static final int DEFAULT_MAX_BODY = 64 * 1024;

    public static ServeSettings loopback(int port) {
        // Idle means no byte either way, also while a command waits for the journal: longer than its 30 s timeout.
        return new ServeSettings("127.0.0.1", port, null, null, Duration.ofSeconds(60), DEFAULT_MAX_BODY, List.of());
    }

    public ServeSettings withIdleTimeout(Duration timeout) {
        return new ServeSettings(host, port, keystore, keystorePassword, timeout, maxBody, routes);
    }

    public ServeSettings withRoutes(List<RouteProvider> more) {
        return new ServeSettings(host, port, keystore, keystorePassword, idleTimeout, maxBody, List.copyOf(more));
    }

    public boolean tls() {
        return keystore != null;
    }
}
