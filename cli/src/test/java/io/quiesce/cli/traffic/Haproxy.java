package io.quiesce.cli.traffic;

import io.quiesce.testing.RealTool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy on loopback, in the foreground, with one TCP frontend and a backend whose
 * servers take their state from Quiesce's agent check, and a stats socket on a loopback port.
 */
final class Haproxy implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/haproxy");

    final int frontPort;
    final int statsPort;
    private final Process process;
    private final Path config;

    /** {@code servers}: HAProxy server name to the port of the TinyServer standing for it. */
    Haproxy(Path dir, String backend, Map<String, Integer> servers, int agentPort) throws IOException,
            InterruptedException {
        RealTool.require(BINARY, "haproxy");
        frontPort = freePort();
        statsPort = freePort();
        StringBuilder cfg = new StringBuilder();
        cfg.append("global\n")
                .append("    stats socket ipv4@127.0.0.1:").append(statsPort).append(" level admin\n")
                .append("defaults\n    mode tcp\n    timeout connect 2s\n    timeout client 60s\n")
                .append("    timeout server 60s\n")
                .append("frontend front\n    bind 127.0.0.1:").append(frontPort).append("\n")
                .append("    default_backend ").append(backend).append("\n")
                .append("backend ").append(backend).append("\n    balance roundrobin\n");
        servers.forEach((name, port) -> cfg.append("    server ").append(name).append(" 127.0.0.1:").append(port)
                .append(" check inter 200ms agent-check agent-port ").append(agentPort)
                .append(" agent-inter 200ms agent-send \"").append(name).append(" RTCSRV\\n\"\n"));
        config = dir.resolve("haproxy.cfg");
        Files.writeString(config, cfg.toString());
        process = new ProcessBuilder(BINARY.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!listening(frontPort) || !listening(statsPort)) {
            if (!process.isAlive() || System.nanoTime() > until) {
                throw new IllegalStateException("haproxy did not start: " + Files.readString(dir.resolve("haproxy.log")));
            }
            Thread.sleep(50);
        }
    }

    String configText() throws IOException {
        return Files.readString(config);
    }

    /** HAProxy's own status column for one server: UP, "DRAIN (agent)", "MAINT (agent)", DOWN... */
    String status(String backend, String server) throws IOException {
        String reply = showStat();
        String[] lines = reply.split("\n");
        List<String> header = Arrays.asList(lines[0].substring(2).split(",", -1));
        for (String line : lines) {
            String[] f = line.split(",", -1);
            if (f.length > 1 && f[0].equals(backend) && f[1].equals(server)) {
                return f[header.indexOf("status")];
            }
        }
        throw new IllegalStateException("no " + backend + "/" + server + " in " + reply);
    }

    private String showStat() throws IOException {
        try (Socket s = new Socket("127.0.0.1", statsPort)) {
            s.getOutputStream().write("show stat\n".getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
