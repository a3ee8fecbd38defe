package io.quiesce.cli.cluster;

import io.quiesce.JournalDatabase;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.rules.RejectionCode;
import java.util.concurrent.TimeUnit;
import io.quiesce.catalog.Catalog;
import io.quiesce.cli.serve.ServeSettings;
import io.quiesce.cli.serve.TestKeyStore;
import io.quiesce.cli.serve.Tokens;
import io.quiesce.cli.traffic.TrafficMetrics;
import io.quiesce.internal.persistence.DatabaseHistory;
import io.quiesce.internal.persistence.PoolDirectory;
import io.quiesce.internal.persistence.journal.postgres.PrivatePostgres;
import io.quiesce.rules.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One node in this JVM, over a private PostgreSQL: what the node answers itself, before or instead of
 * carrying a call to a pool's node.
 */
@ExtendWith(PrivatePostgres.class)
class ClusterFrontTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aNodeRefusesUnknownNamesAndLargeBodiesItselfAndAcceptsTheDatabasesTokens(PrivatePostgres.Databases databases)
            throws Exception {
        JournalDatabase db = databases.create();
        String bob;
        try (Tokens tokens = Tokens.of(dir.resolve("elsewhere"), db)) {
            bob = tokens.add("bob", Set.of("Administrators"));
        }
        try (Tokens tokens = Tokens.of(dir, db); ClusterServing node = start(db, tokens)) {
            HttpResponse<String> created = post(node, bob, "{\"command\":\"createPool\",\"pool\":\"pool1\"}");
            assertThat(created.statusCode()).isEqualTo(200);
            assertThat(post(node, bob, "{\"command\":\"addServer\",\"pool\":\"pool1\",\"server\":\"fe01\"}")
                    .statusCode()).isEqualTo(200);

            HttpResponse<String> unknownPool = post(node, bob,
                    "{\"command\":\"addServer\",\"pool\":\"pool9\",\"server\":\"fe09\"}");
            HttpResponse<String> unknownServer = post(node, bob, "{\"command\":\"pause\",\"server\":\"fe09\"}");
            HttpResponse<String> unknownSession = post(node, bob, "{\"command\":\"end\",\"session\":\"s-0\"}");
            HttpResponse<String> tooLarge = post(node, bob, "{\"command\":\"pause\",\"server\":\"fe01\",\"reason\":\""
                    + "x".repeat(70_000) + "\"}");
            HttpResponse<String> status = get(node, bob, "/v1/status");
            HttpResponse<String> ready = get(node, null, "/v1/ready/fe01");
            HttpResponse<String> history = get(node, bob, "/v1/history");

            assertThat(unknownPool.statusCode()).isEqualTo(400);
            assertThat(unknownPool.body()).contains("UNKNOWN_POOL");
            assertThat(unknownServer.statusCode()).isEqualTo(400);
            assertThat(unknownServer.body()).contains("UNKNOWN_SERVER");
            assertThat(unknownSession.statusCode()).isEqualTo(400);
            assertThat(unknownSession.body()).contains("UNKNOWN_SESSION");
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("\"fe01\"");
            assertThat(status.headers().firstValue("Quiesce-Event-Id")).isPresent();
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(history.body()).contains("PoolCreated").contains("ServerAdded");
            assertThat(get(node, "not-a-token", "/v1/status").statusCode()).isEqualTo(401);
            String reader;
            try (Tokens made = Tokens.of(dir, db)) {
                reader = made.add("rita", Set.of("Readers"));
            }
            HttpResponse<String> notAllowed = post(node, reader, "{\"command\":\"pause\",\"server\":\"fe09\"}");
            assertThat(notAllowed.statusCode()).isEqualTo(403);
            assertThat(notAllowed.body()).contains("NOT_AUTHORIZED");
        }
    }

    @Test
    void haproxysCountsAreCarriedToThePoolsNodeAndItsRefusalsComeBack(PrivatePostgres.Databases databases)
            throws Exception {
        JournalDatabase db = databases.create();
        try (Tokens tokens = Tokens.of(dir, db); ClusterServing node = start(db, tokens)) {
            String admin = poolOf(node, db, "fe01");
            var haproxy = node.observer(Principal.of("haproxy", "Administrators"));

            var taken = haproxy.observe("fe01", "RTCSRV", 3).toCompletableFuture().get(30, TimeUnit.SECONDS);
            var unknownService = haproxy.observe("fe01", "NOPE", 3).toCompletableFuture().get(30, TimeUnit.SECONDS);
            var unknownServer = haproxy.observe("fe09", "RTCSRV", 3).toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(taken).isEmpty();
            assertThat(get(node, admin, "/v1/status/fe01").body()).contains("\"sessions\":3");
            assertThat(unknownService).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(
                    RejectionCode.UNKNOWN_SERVICE));
            assertThat(unknownServer).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(
                    RejectionCode.UNKNOWN_SERVER));
        }
    }

    @Test
    void givenARolloutOfAPool_whenTheHistoryIsPrintedThroughANode_thenItShowsTheRolloutsSteps(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        try (Tokens tokens = Tokens.of(dir, db); ClusterServing node = start(db, tokens)) {
            String admin = poolOf(node, db, "fe01", "fe02", "fe03");

            HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(node.url()
                            + "/v1/rollouts/pool1/start")).header("Authorization", "Bearer " + admin)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"servers\":\"fe01\",\"exec\":\"true\","
                            + "\"reason\":\"KB1\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            String printed = "";
            for (int i = 0; i < 300 && !printed.contains("RolloutCompleted"); i++) {
                Thread.sleep(100);
                printed = get(node, admin, "/v1/history?print=text").body();
            }

            assertThat(printed).contains("RolloutStarted").contains("RolloutCompleted").contains("pool1 / fe01");
        }
    }

    @Test
    void givenAKeyStore_whenANodeServes_thenItAnswersOverHttps(PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        TestKeyStore store = TestKeyStore.in(dir);

        try (Tokens tokens = Tokens.of(dir, db); ClusterServing node = start(db, tokens, store.serving("127.0.0.1"))) {
            String token = io.quiesce.cli.client.ServeFile.live(dir).orElseThrow().token();
            HttpResponse<String> status = store.trustingClient().send(HttpRequest.newBuilder(
                    URI.create(node.url() + "/v1/status")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(node.url()).startsWith("https://127.0.0.1:");
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        }
    }

    /** Creates pool1 with {@code servers} through {@code node}; returns the token of the administrator who did. */
    private String poolOf(ClusterServing node, JournalDatabase db, String... servers) throws Exception {
        String admin;
        try (Tokens made = Tokens.of(dir, db)) {
            admin = made.add("alice", Set.of("Administrators"));
        }
        assertThat(post(node, admin, "{\"command\":\"createPool\",\"pool\":\"pool1\"}").statusCode())
                .isEqualTo(200);
        for (String server : servers) {
            assertThat(post(node, admin, "{\"command\":\"addServer\",\"pool\":\"pool1\",\"server\":\""
                    + server + "\"}").statusCode()).isEqualTo(200);
        }
        return admin;
    }

    private ClusterServing start(JournalDatabase db, Tokens tokens) throws Exception {
        return start(db, tokens, ServeSettings.loopback(0));
    }

    private ClusterServing start(JournalDatabase db, Tokens tokens, ServeSettings http) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClusterSettings settings = new ClusterSettings("127.0.0.1", port, List.of("127.0.0.1:" + port),
                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(35));
        Rules rules = new Rules(Catalog.defaults(), new Authorization(Authorization.DEFAULT_ADMIN_GROUP));
        return ClusterServing.start(dir, settings, http, tokens,
                (poolDir, pool) -> QuiesceOptions.at(poolDir).withJournal(db).withPool(pool),
                () -> PoolDirectory.pools(db), () -> {
                    try (DatabaseHistory read = DatabaseHistory.open(db)) {
                        return read.events();
                    }
                }, () -> {
                    try (DatabaseHistory read = DatabaseHistory.open(db)) {
                        return read.rollouts();
                    }
                }, rules, new TrafficMetrics(),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    private static HttpResponse<String> post(ClusterServing node, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/v1/commands"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(ClusterServing node, String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
