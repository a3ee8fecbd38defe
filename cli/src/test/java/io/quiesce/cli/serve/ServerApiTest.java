package io.quiesce.cli.serve;

import io.quiesce.cli.client.EventLine;
import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.formats.json.JsonText;
import io.quiesce.QuiesceOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP API end to end, over real HTTP on loopback: who may ask what, the status codes, and the event stream. */
class ServerApiTest {
    @TempDir
    static Path home;
    static Serving serving;
    static String url;
    static String local;
    static String admin;
    static String helpdesk;

    @BeforeAll
    static void aServedPoolWithTwoServers() {
        Path data = home.resolve("data");
        serving = Serving.start(QuiesceOptions.at(data), ServeSettings.loopback(0),
                new PrintStream(OutputStream.nullOutputStream()));
        url = serving.server().url();
        local = serving.serveFile().token();
        BearerTokens tokens = new BearerTokens(data);
        admin = tokens.add("carol", Set.of("Administrators"));
        helpdesk = tokens.add("dave", Set.of("Helpdesk"));
        for (String line : List.of("{\"command\":\"createPool\",\"pool\":\"pool1\"}",
                "{\"command\":\"addServer\",\"pool\":\"pool1\",\"server\":\"fe01\"}",
                "{\"command\":\"addServer\",\"pool\":\"pool1\",\"server\":\"fe02\"}",
                "{\"command\":\"connect\",\"pool\":\"pool1\",\"feature\":\"calls\",\"id\":\"c1\"}")) {
            HttpResponse<String> r = Http.post(url + "/v1/commands", admin, line);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        serving.close();
    }

    @Test
    void serveJsonAndTheTokenFileAreOwnerOnlyAndKeepNoTokenInTheClear() throws Exception {
        Path data = home.resolve("data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("serve.json"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tokens.json"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(data.resolve("tokens.json"))).doesNotContain(admin, helpdesk)
                .contains(BearerTokens.sha256(admin));
    }

    @Test
    void givenNoTokenOrAWrongOne_whenAsking_then401AndNothingIsRecorded() {
        long before = settled();

        HttpResponse<String> none = Http.post(url + "/v1/commands", null, "{\"command\":\"pause\",\"server\":\"fe02\"}");
        HttpResponse<String> wrong = Http.post(url + "/v1/commands", "not-a-token",
                "{\"command\":\"pause\",\"server\":\"fe02\"}");
        HttpResponse<String> status = Http.get(url + "/v1/status", "x" + admin);

        assertThat(List.of(none.statusCode(), wrong.statusCode(), status.statusCode())).containsOnly(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(json(wrong.body())).containsEntry("code", "NOT_AUTHENTICATED");
        assertThat(serving.server().events().lastId()).isEqualTo(before);
    }

    @Test
    void givenAHelpdeskToken_whenPausingOrActingAsAnother_then403() {
        HttpResponse<String> pause = Http.post(url + "/v1/commands", helpdesk,
                "{\"command\":\"pause\",\"server\":\"fe02\"}");
        HttpResponse<String> impersonate = Http.post(url + "/v1/commands", helpdesk,
                "{\"command\":\"pause\",\"server\":\"fe02\",\"as\":\"carol\",\"groups\":[\"Administrators\"]}");
        HttpResponse<String> read = Http.get(url + "/v1/status/fe02", helpdesk);

        assertThat(pause.statusCode()).as(pause.body()).isEqualTo(403);
        assertThat(json(pause.body())).containsEntry("code", "NOT_AUTHORIZED");
        assertThat(impersonate.statusCode()).isEqualTo(403);
        assertThat((String) json(impersonate.body()).get("message")).contains("stands for dave");
        assertThat(read.statusCode()).as("reading is open to every token").isEqualTo(200);
    }

    @Test
    void givenTheLocalToken_whenNamingAPrincipal_thenTheCommandIsTheirs() {
        HttpResponse<String> r = Http.post(url + "/v1/commands", local,
                "{\"command\":\"startup\",\"server\":\"fe02\",\"service\":\"RTCRGS\",\"type\":\"manual\","
                        + "\"as\":\"erin\",\"groups\":[\"Administrators\"],\"reason\":\"test\"}");
        HttpResponse<String> nobody = Http.post(url + "/v1/commands", local,
                "{\"command\":\"startup\",\"server\":\"fe02\",\"type\":\"manual\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(lastLine(Http.get(url + "/v1/history", admin).body())).containsEntry("by", "erin")
                .containsEntry("reason", "test");
        assertThat(nobody.statusCode()).as("the local token must say who is asking").isEqualTo(400);
    }

    @Test
    void givenARuleRefusal_whenStoppingAServerWithSessions_then409WithCodeAndMessage() {
        long before = settled();

        HttpResponse<String> r = Http.post(url + "/v1/commands", admin, "{\"command\":\"stop\",\"server\":\"fe01\"}");

        assertThat(r.statusCode()).isEqualTo(409);
        Map<String, Object> body = json(r.body());
        assertThat(body).containsEntry("code", "SESSIONS_ACTIVE").containsKey("message");
        assertThat(serving.server().events().lastId()).isEqualTo(before);
    }

    @Test
    void givenBadInput_whenPosting_then400AndNothingIsRecorded() {
        long before = settled();
        List<String> bodies = List.of("{", "[]", "{\"command\":\"pause\"}", "{\"command\":\"fly\",\"server\":\"fe01\"}",
                "{\"command\":\"pause\",\"server\":\"fe01\",\"colour\":\"blue\"}",
                "{\"command\":\"pause\",\"server\":\"fe01\",\"at\":\"2026-11-26T10:00:00Z\"}",
                "{\"command\":\"pause\",\"server\":\"fe09\"}",
                "{\"command\":\"pause\",\"server\":\"fe01\",\"deadline\":\"soon\"}");

        for (String body : bodies) {
            HttpResponse<String> r = Http.post(url + "/v1/commands", admin, body);
            assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
            assertThat(json(r.body())).containsKeys("code", "message");
        }
        assertThat(Http.get(url + "/v1/status?print=maybe", admin).statusCode()).isEqualTo(400);
        assertThat(Http.get(url + "/v1/status/nowhere", admin).statusCode()).isEqualTo(400);
        assertThat(serving.server().events().lastId()).isEqualTo(before);
    }

    @Test
    void givenNoSuchRouteOrMethod_whenAsking_then404Or405InTheApisShape() {
        HttpResponse<String> nowhere = Http.get(url + "/v1/nowhere", admin);
        HttpResponse<String> delete = Http.send(Http.request(url + "/v1/status", admin).DELETE().build());

        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(json(nowhere.body())).containsEntry("code", "NOT_FOUND").containsKey("message");
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(json(delete.body())).containsEntry("code", "METHOD_NOT_ALLOWED");
        assertThat(delete.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void givenAHugeBody_whenPosting_then413() {
        String huge = "{\"command\":\"pause\",\"server\":\"" + "x".repeat(ServeSettings.DEFAULT_MAX_BODY) + "\"}";

        assertThat(Http.post(url + "/v1/commands", admin, huge).statusCode()).isEqualTo(413);
    }

    @Test
    void readsAnswerTheShapesTheCommandLinePrintsWithJson() {
        Map<String, Object> status = json(Http.get(url + "/v1/status", helpdesk).body());
        HttpResponse<String> plan = Http.get(url + "/v1/plan/fe01", helpdesk);
        HttpResponse<String> history = Http.get(url + "/v1/history?server=fe02", helpdesk);
        HttpResponse<String> printout = Http.get(url + "/v1/status/fe01?print=text", helpdesk);

        assertThat(status).containsKey("pools");
        assertThat(plan.statusCode()).isEqualTo(200);
        assertThat(json(plan.body())).containsEntry("server", "fe01");
        assertThat(history.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(history.body().lines()).isNotEmpty().allSatisfy(l -> assertThat(json(l)).containsEntry("server", "fe02"));
        assertThat(json(printout.body())).containsEntry("exit", 0L).containsEntry("err", "");
        assertThat((String) json(printout.body()).get("out")).startsWith("pool pool1");
    }

    @Test
    void givenTwoClients_whenOnePauses_thenTheOtherSeesItWithinASecond() throws Exception {
        QuiesceClient watcher = new QuiesceClient(url, helpdesk);
        long from = settled();
        CountDownLatch subscribed = new CountDownLatch(1);
        CompletableFuture<Long> seenAt = CompletableFuture.supplyAsync(() -> {
            long[] at = {0};
            subscribed.countDown();
            watcher.events(from, Duration.ofSeconds(10), e -> {
                if ("ServicePaused".equals(e.event().get("type")) && "fe02".equals(e.event().get("server"))) {
                    at[0] = System.nanoTime();
                    return false;
                }
                return true;
            });
            return at[0];
        });
        subscribed.await();

        long sent = System.nanoTime();
        HttpResponse<String> paused = Http.post(url + "/v1/commands", admin,
                "{\"command\":\"pause\",\"server\":\"fe02\",\"service\":\"RTCCPS\"}");

        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        long seen = seenAt.get(10, TimeUnit.SECONDS);
        assertThat(seen).as("the watcher saw the pause").isPositive();
        assertThat(Duration.ofNanos(seen - sent)).isLessThan(Duration.ofSeconds(1));
        assertThat(Http.post(url + "/v1/commands", admin,
                "{\"command\":\"resume\",\"server\":\"fe02\",\"service\":\"RTCCPS\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void givenADroppedStream_whenResumingWithLastEventId_thenNothingIsLostOrRepeated() {
        QuiesceClient client = new QuiesceClient(url, helpdesk);
        List<EventLine> seen = new ArrayList<>();
        long dropped = client.events(0, Duration.ofSeconds(10), e -> {
            seen.add(e);
            return seen.size() < 5;
        });
        for (int i = 0; i < 5; i++) {
            assertThat(Http.post(url + "/v1/commands", admin, "{\"command\":\"connect\",\"pool\":\"pool1\","
                    + "\"feature\":\"im\",\"id\":\"resume-" + i + "\"}").statusCode()).isEqualTo(200);
        }
        long last = settled();

        client.events(dropped, Duration.ofSeconds(10), e -> {
            seen.add(e);
            return e.id() < last;
        });

        assertThat(dropped).isEqualTo(5);
        assertThat(seen).extracting(EventLine::id).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
        List<String> history = Http.get(url + "/v1/history", admin).body().lines().toList();
        assertThat(seen).extracting(EventLine::event).containsExactlyElementsOf(
                history.subList(0, (int) last).stream().map(ServerApiTest::json).toList());
    }

    @Test
    void givenAnIdBeyondTheLastEvent_whenResuming_then400() {
        HttpResponse<String> r = Http.send(Http.request(url + "/v1/events", helpdesk)
                .header("Last-Event-ID", "999999").GET().build());
        HttpResponse<String> garbage = Http.send(Http.request(url + "/v1/events", helpdesk)
                .header("Last-Event-ID", "yesterday").GET().build());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(garbage.statusCode()).isEqualTo(400);
    }

    @Test
    void givenANonLoopbackAddressWithoutTls_whenServing_thenItIsRefused() {
        ServeSettings open = new ServeSettings("0.0.0.0", 0, null, null, Duration.ofSeconds(5),
                ServeSettings.DEFAULT_MAX_BODY, List.of());

        assertThatThrownBy(() -> QuiesceServer.start(serving.quiesce(), open, "t", System.err))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs TLS");
    }

    @Test
    void givenAJournalThatDoesNotAnswerInTime_whenPosting_then503WithRetryAfter(@TempDir Path other) {
        try (Serving slow = Serving.start(QuiesceOptions.at(other).withCommandTimeout(Duration.ZERO),
                ServeSettings.loopback(0), new PrintStream(OutputStream.nullOutputStream()))) {
            HttpResponse<String> r = Http.post(slow.server().url() + "/v1/commands", slow.serveFile().token(),
                    "{\"command\":\"createPool\",\"pool\":\"p\",\"as\":\"alice\",\"groups\":[\"Administrators\"]}");

            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        }
    }

    /** The last event id once the feed has heard of everything in the journal (it hears just after the answer). */
    static long settled() {
        long recorded = serving.quiesce().history().size();
        for (int tries = 0; tries < 100 && serving.server().events().lastId() < recorded; tries++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(serving.server().events().lastId()).isEqualTo(recorded);
        return recorded;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return (Map<String, Object>) JsonText.parse(text);
    }

    private static Map<String, Object> lastLine(String lines) {
        List<String> all = lines.lines().toList();
        return json(all.get(all.size() - 1));
    }
}
