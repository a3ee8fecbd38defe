package io.quiesce.cli.cluster;

import io.quiesce.cli.client.ServeFile;
import io.quiesce.formats.json.JsonText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One node of a test cluster: a {@code quiesce serve --cluster} child JVM, its data directory, its
 * stderr, and its API reached with the local token of its {@code serve.json}.
 */
final class Node {
    /** Who the commands of the tests are from: the local token may name them. */
    static final String OPERATOR = "ops";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    private final int index;
    private final String address;
    private final Path data;
    private final Path log;
    private final Process process;
    private volatile ServeFile serve;

    Node(int index, String address, Path data, Path log, Process process) {
        this.index = index;
        this.address = address;
        this.data = data;
        this.log = log;
        this.process = process;
    }

    /** The node's cluster address, {@code 127.0.0.1:PORT}, as members are named. */
    String address() {
        return address;
    }

    Process process() {
        return process;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Its serve.json once written by this process (it is started and listens). */
    Optional<ServeFile> served() {
        if (serve == null) {
            ServeFile.live(data).filter(f -> f.pid() == process.pid()).ifPresent(f -> serve = f);
        }
        return Optional.ofNullable(serve);
    }

    /** {@code GET path} with the local token. */
    Reply get(String path, Duration timeout) throws IOException {
        return send(request(path, timeout).GET().build());
    }

    /** {@code POST path} with a JSON body and the local token. */
    Reply post(String path, String body, Duration timeout) throws IOException {
        return send(request(path, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** One command line through {@code POST /v1/commands}, from the operator, an administrator. */
    Reply command(Duration timeout, Object... fields) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            line.put((String) fields[i], fields[i + 1]);
        }
        line.put("as", OPERATOR);
        line.put("groups", List.of("Administrators"));
        return post("/v1/commands", JsonText.write(line), timeout);
    }

    /** What this node says of the cluster; empty while it does not answer. */
    Optional<ClusterView> cluster() {
        try {
            Reply r = get("/v1/cluster", Duration.ofSeconds(3));
            return r.ok() ? Optional.of(ClusterView.of(r.json())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** kill -9: the node dies with no goodbye to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + address + " outlived kill -9");
        }
    }

    /** SIGSTOP: the node stands still, its sockets open, as a machine cut off from the others would. */
    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT: the frozen node runs again, believing for a moment that nothing happened. */
    void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    /** Everything it wrote on stderr so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "node " + index + " (" + address + ", pid " + process.pid() + ")";
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill " + signal + " " + process.pid() + " failed");
        }
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        ServeFile f = served().orElseThrow(() -> new IllegalStateException(this + " has not written serve.json"));
        return HttpRequest.newBuilder(URI.create(f.url() + path)).timeout(timeout)
                .header("Authorization", "Bearer " + f.token());
    }

    private static Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
