package io.quiesce.benchmarks;

import io.quiesce.JournalDatabase;
import io.quiesce.cli.QuiesceCli;
import io.quiesce.cli.client.ServeFile;
import io.quiesce.formats.json.JsonText;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One {@code quiesce serve --cluster} node for B9: a child JVM on this JVM's class path, its data
 * directory, and its API reached with the local token over keep-alive HTTP, as an API user would.
 */
final class ClusterNode {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private final String address;
    private final Path data;
    private final Path log;
    private final Process process;
    private ServeFile serve;

    private ClusterNode(String address, Path data, Path log, Process process) {
        this.address = address;
        this.data = data;
        this.log = log;
        this.process = process;
    }

    /** Starts a node at {@code address} joining {@code seeds}, its files under {@code work}. */
    static ClusterNode start(Path work, JournalDatabase journal, String address, String seeds) throws IOException {
        String name = "node-" + address.replace(':', '-');
        Path data = Files.createDirectories(work.resolve(name));
        Path log = work.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-Xmx512m",
                "-Dquiesce.cluster.stable-after=3s",
                "-cp", classPath(), QuiesceCli.class.getName(),
                "--data", data.toString(), "--journal", journal.url(),
                "serve", "--cluster", "--node", address, "--seed-nodes", seeds,
                "--listen", "127.0.0.1:0"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile());
        builder.environment().put("QUIESCE_DB_USER", journal.user());
        builder.environment().put("QUIESCE_DB_PASSWORD", journal.password());
        return new ClusterNode(address, data, log, builder.start());
    }

    /** This JVM's class path with absolute entries: a node runs in a directory of its own. */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** A loopback address with a port free at the time of asking. */
    static String freeAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    String address() {
        return address;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Once it listens: its serve.json. */
    boolean served() {
        if (serve == null) {
            serve = ServeFile.live(data).filter(f -> f.pid() == process.pid()).orElse(null);
        }
        return serve != null;
    }

    /** The members it sees Up, and which node holds each pool, from {@code GET /v1/cluster}; empty if no answer. */
    Optional<Map<String, Object>> cluster() {
        try {
            HttpResponse<String> r = send(request("/v1/cluster").GET().build());
            return r.statusCode() == 200 ? Optional.of(object(r.body())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    long membersUp() {
        return cluster().map(c -> c.get("members") instanceof List<?> l ? l.stream()
                .filter(m -> m instanceof Map<?, ?> mm && "Up".equals(mm.get("status"))).count() : 0L).orElse(0L);
    }

    Optional<String> owner(String pool) {
        return cluster().flatMap(c -> c.get("pools") instanceof Map<?, ?> p ? Optional.ofNullable((String) p.get(pool))
                : Optional.empty());
    }

    /** One command line from an administrator; true when accepted (HTTP 200). */
    boolean command(Object... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            line.put((String) fields[i], fields[i + 1]);
        }
        line.put("as", "bench");
        line.put("groups", List.of("Administrators"));
        try {
            return send(request("/v1/commands").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JsonText.write(line))).build()).statusCode() == 200;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM, and SIGKILL if it has not stopped within 30 s. */
    void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private HttpRequest.Builder request(String path) {
        if (!served()) {
            throw new IllegalStateException("node " + address + " does not listen yet");
        }
        return HttpRequest.newBuilder(URI.create(serve.url() + path)).timeout(ANSWER)
                .header("Authorization", "Bearer " + serve.token());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String body) {
        return (Map<String, Object>) JsonText.parse(body);
    }
}
