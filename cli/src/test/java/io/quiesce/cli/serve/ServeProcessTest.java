package io.quiesce.cli.serve;

import io.quiesce.cli.QuiesceCli;
import io.quiesce.cli.client.ServeFile;
import io.quiesce.event.Event;
import io.quiesce.Quiesce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code quiesce serve} as a real process: SIGTERM ends it cleanly with exit 0, a second one on the
 * same directory exits 5, and a SIGKILL in the middle of traffic loses no command it had
 * acknowledged (fsync on, as always).
 */
class ServeProcessTest {
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @Test
    void givenARunningServe_whenASecondStartsOrItGetsSigterm_thenTheSecondExits5AndTheFirstExits0Cleanly()
            throws Exception {
        Path data = home.resolve("data");
        Process serve = serve(data);
        try {
            ServeFile file = awaitServeFile(data, serve);
            Process second = serve(data);
            assertThat(second.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as(stderr(second)).isEqualTo(5);
            assertThat(post(file, "{\"command\":\"createPool\",\"pool\":\"pool1\",\"as\":\"alice\","
                    + "\"groups\":[\"Administrators\"]}").statusCode()).isEqualTo(200);

            serve.destroy();

            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).as(stderr(serve)).isZero();
            assertThat(ServeFile.in(data)).doesNotExist();
            try (Quiesce reopened = Quiesce.open(data)) {
                assertThat(reopened.status().pool("pool1")).isPresent();
            }
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void givenTrafficThroughServe_whenKilledWithSigkill_thenEveryAcknowledgedCommandIsInTheJournal() throws Exception {
        Path data = home.resolve("data");
        List<String> acknowledged = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            Process serve = serve(data);
            try {
                ServeFile file = awaitServeFile(data, serve);
                if (round == 0) {
                    for (String setup : List.of("{\"command\":\"createPool\",\"pool\":\"pool1\"",
                            "{\"command\":\"addServer\",\"pool\":\"pool1\",\"server\":\"fe01\"",
                            "{\"command\":\"addServer\",\"pool\":\"pool1\",\"server\":\"fe02\"")) {
                        assertThat(post(file, setup + ",\"as\":\"alice\",\"groups\":[\"Administrators\"]}")
                                .statusCode()).isEqualTo(200);
                    }
                }
                acknowledged.addAll(trafficUntilKilled(serve, file, round));
            } finally {
                serve.destroyForcibly();
            }
            assertThat(ServeFile.live(data)).as("a killed server's serve.json is stale").isEmpty();
        }

        try (Quiesce reopened = Quiesce.open(data)) {
            Set<String> started = new java.util.HashSet<>();
            for (Event e : reopened.history()) {
                if (e instanceof Event.SessionStarted s) {
                    started.add(s.session());
                }
            }
            assertThat(acknowledged).as("acknowledged before the kills").hasSizeGreaterThan(5);
            assertThat(started).containsAll(acknowledged);
        }
    }

    /** Two clients connect sessions as fast as answers come; the server is killed 1.5 s in. */
    private static List<String> trafficUntilKilled(Process serve, ServeFile file, int round) throws Exception {
        ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                for (int i = 0; i < 100_000 && !stop.get(); i++) {
                    String id = "k" + round + "-" + client + "-" + i;
                    try {
                        HttpResponse<String> r = post(file, "{\"command\":\"connect\",\"pool\":\"pool1\","
                                + "\"feature\":\"calls\",\"id\":\"" + id + "\",\"as\":\"traffic\","
                                + "\"groups\":[\"Administrators\"]}");
                        if (r.statusCode() == 200) {
                            acked.add(id);
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        Thread.sleep(1500);
        serve.destroyForcibly();
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        for (Thread t : clients) {
            t.join(30_000);
        }
        System.out.println("kill -9 round " + round + ": " + acked.size() + " commands acknowledged before the kill");
        return List.copyOf(acked);
    }

    private Process serve(Path data) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                QuiesceCli.class.getName(), "serve", "--data", data.toString(), "--listen", "127.0.0.1:0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(home.resolve("serve-" + System.nanoTime() + ".err").toFile())
                .start();
    }

    private static ServeFile awaitServeFile(Path data, Process serve) throws InterruptedException {
        long until = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < until) {
            var file = ServeFile.live(data).filter(f -> f.pid() == serve.pid());
            if (file.isPresent()) {
                return file.get();
            }
            if (!serve.isAlive()) {
                throw new AssertionError("serve exited early with " + serve.exitValue());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not write serve.json within " + START);
    }

    private static HttpResponse<String> post(ServeFile file, String body) throws IOException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(file.url() + "/v1/commands"))
                    .header("Authorization", "Bearer " + file.token()).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String stderr(Process p) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(home)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".err")).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
