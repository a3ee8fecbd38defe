package io.quiesce.internal.persistence.journal.postgres;

import io.quiesce.JournalDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for tests: a private server started once per test JVM, on first use (initdb
 * into a temporary directory, a free loopback port, fsync on), stopped when the tests end. Each test
 * that asks for a {@link Databases} and calls {@link Databases#create()} gets a database of its own.
 *
 * <p>Without PostgreSQL's programs (initdb, pg_ctl) the test is skipped, or fails when {@code CI=true}.
 * As root, the server runs as the {@code postgres} user, since initdb refuses root.
 */
public final class PrivatePostgres implements ParameterResolver {
    /** The user every database of the private server is reached as (trusted: no password). */
    public static final String USER = "postgres";

    /** Creates databases on the private server, starting it the first time. */
    public static final class Databases {
        private final ExtensionContext.Store store;

        private Databases(ExtensionContext.Store store) {
            this.store = store;
        }

        /** A new, empty database, and how to reach it. */
        public JournalDatabase create() {
            return store.getOrComputeIfAbsent(Server.class, k -> Server.start(), Server.class).createDatabase();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Databases.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new Databases(context.getRoot().getStore(ExtensionContext.Namespace.create(PrivatePostgres.class)));
    }

    /** The running server; closed (stopped, its directory removed) when the root context closes. */
    static final class Server implements AutoCloseable {
        private static final AtomicInteger DATABASES = new AtomicInteger();
        private final Path bin;
        private final Path dir;
        private final int port;
        private final boolean asPostgresUser;
        private final Thread stopAtExit;
        private boolean stopped;

        private Server(Path bin, Path dir, int port, boolean asPostgresUser) {
            this.bin = bin;
            this.dir = dir;
            this.port = port;
            this.asPostgresUser = asPostgresUser;
            // Also stop it if the test JVM ends without closing the extension's store.
            this.stopAtExit = new Thread(this::stop, "stop-private-postgres");
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }

        static Server start() {
            Path bin = findBin();
            if (bin == null) {
                String why = "PostgreSQL's initdb and pg_ctl are not installed (apt-get install postgresql)";
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException(why + "; CI must install it");
                }
                throw new TestAbortedException(why);
            }
            boolean root = "root".equals(System.getProperty("user.name"));
            try {
                // Under /tmp, not java.io.tmpdir: the postgres user must reach it, and /root is owner-only.
                Path dir = Files.createTempDirectory(Path.of("/tmp"), "quiesce-pg");
                if (root) {
                    run(List.of("chown", "postgres:postgres", dir.toString()));
                }
                int port;
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = s.getLocalPort();
                }
                Server server = new Server(bin, dir, port, root);
                server.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                        "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"));
                server.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                        "-l", dir.resolve("server.log").toString(), "-o",
                        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on",
                        "-w", "-t", "60", "start"));
                return server;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a private PostgreSQL: " + e.getMessage(), e);
            }
        }

        JournalDatabase createDatabase() {
            String name = "quiesce_test_" + DATABASES.incrementAndGet();
            try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
                 Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
            }
            return new JournalDatabase(url(name), USER, "");
        }

        String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        @Override
        public void close() {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: nothing to remove.
            }
        }

        private synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
                        "-w", "stop"));
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot stop the private PostgreSQL in " + dir + ": " + e.getMessage());
            }
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("cannot remove " + dir + ": " + e.getMessage());
            }
        }

        private void pg(List<String> command) throws IOException {
            List<String> full = new ArrayList<>();
            if (asPostgresUser) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(command);
            run(full);
        }

        private static void run(List<String> command) throws IOException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(90, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish");
                }
                if (p.exitValue() != 0) {
                    throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        /** $QUIESCE_PG_BIN, else the newest /usr/lib/postgresql/N/bin, else where pg_ctl on the PATH leads. */
        private static Path findBin() {
            String env = System.getenv("QUIESCE_PG_BIN");
            if (env != null && Files.isExecutable(Path.of(env, "pg_ctl"))) {
                return Path.of(env);
            }
            Path lib = Path.of("/usr/lib/postgresql");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> versions = Files.list(lib)) {
                    Path newest = versions.map(v -> v.resolve("bin"))
                            .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                            .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString())))
                            .orElse(null);
                    if (newest != null) {
                        return newest;
                    }
                } catch (IOException ignored) {
                    // Look on the PATH instead.
                }
            }
            for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path pgCtl = Path.of(d, "pg_ctl");
                if (Files.isExecutable(pgCtl)) {
                    try {
                        Path real = pgCtl.toRealPath().getParent();
                        if (Files.isExecutable(real.resolve("initdb"))) {
                            return real;
                        }
                    } catch (IOException ignored) {
                        // Try the next directory.
                    }
                }
            }
            return null;
        }

        private static int versionOf(String name) {
            try {
                return Integer.parseInt(name.replaceAll("\\D.*", ""));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
