package io.quiesce.cli;

import io.quiesce.cli.serve.ServeSettings;
import io.quiesce.cli.serve.Serving;
import io.quiesce.QuiesceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.quiesce.cli.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code token add/list/revoke} and {@code wait}, through a live server and without one. */
class TokensAndWaitTest {
    @TempDir
    Path home;

    private Cli night(Path data) {
        Cli cli = Cli.administrator(data);
        for (String[] step : new String[][] {{"pool", "create", "pool1"}, {"server", "add", "pool1", "fe01"},
                {"server", "add", "pool1", "fe02"}, {"connect", "pool1", "--feature", "calls", "--id", "c1"},
                {"connect", "pool1", "--feature", "calls", "--id", "c2"}}) {
            assertThat(cli.run(step).exit()).as(String.join(" ", step)).isZero();
        }
        return cli;
    }

    @Test
    void givenATokenMadeByTokenAdd_whenUsedThenRevoked_thenTheServerTakesItThenRefusesIt() throws Exception {
        Path data = home.resolve("data");
        Cli cli = Cli.administrator(data);
        try (Serving serving = serve(data)) {
            Cli.Result added = cli.run("token", "add", "carol", "--groups", "Administrators", "--json");
            assertThat(added.exit()).as(added.toString()).isZero();
            String token = (String) added.json().get("token");
            assertThat(token).hasSizeGreaterThanOrEqualTo(43);
            assertRefused(cli.run("token", "add", "carol", "--groups", "Users"), 3, "TOKEN_EXISTS");
            assertThat(cli.run("token", "list").out()).contains("carol", "Administrators").doesNotContain(token);

            Cli remote = Cli.in(home, Map.of("QUIESCE_SERVER", serving.server().url(), "QUIESCE_TOKEN", token));
            Cli.Result created = remote.run("pool", "create", "pool1");
            assertThat(created.exit()).as(created.toString()).isZero();
            assertThat(cli.run("history").out()).contains("PoolCreated", "by carol");
            assertRefused(remote.run("pool", "create", "pool2", "--as", "root"), 4, "NOT_AUTHORIZED");

            assertThat(cli.run("token", "revoke", "carol").exit()).isZero();
            Cli.Result refused = remote.run("status");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(4);
            assertThat(refused.err()).startsWith("error: send Authorization: Bearer TOKEN");
            assertRefused(cli.run("token", "revoke", "carol"), 2, "UNKNOWN_TOKEN");
        }
    }

    @Test
    void givenNoTokenForARemoteServer_whenAsking_thenItSaysWhatToSet() {
        Cli.Result r = Cli.in(home, Map.of("QUIESCE_SERVER", "http://127.0.0.1:9")).run("status");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("set $QUIESCE_TOKEN");
    }

    @Test
    void givenAServerThatIsGone_whenAsking_thenExit5() {
        Cli.Result r = Cli.in(home, Map.of("QUIESCE_SERVER", "http://127.0.0.1:9", "QUIESCE_TOKEN", "t"))
                .run("status");

        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).startsWith("error: cannot reach the server at http://127.0.0.1:9");
    }

    @Test
    void givenAPausedServerThroughAServer_whenItsSessionsEnd_thenWaitReturnsWithProgressOnStderr() throws Exception {
        Path data = home.resolve("data");
        try (Serving serving = serve(data)) {
            Cli cli = night(data);
            assertThat(cli.run("pause", "fe01", "--service", "RTCSRV").exit()).isZero();
            assertThat(cli.run("connect", "pool1", "--feature", "calls", "--id", "c3").out()).contains("on fe02");

            CompletableFuture<Cli.Result> waiting = CompletableFuture.supplyAsync(() ->
                    cli.run("wait", "fe01", "--service", "RTCSRV", "--for", "drained", "--timeout", "60s"));
            Thread.sleep(500);
            assertThat(cli.run("end", "c1").exit()).isZero();

            Cli.Result r = waiting.get(60, TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("fe01 RTCSRV: drained\n");
            assertThat(r.errLines()).first().asString().startsWith("wait: fe01 RTCSRV: ").contains("left");
        }
    }

    @Test
    void givenNothingEnds_whenWaitTimesOut_thenExit6ThroughAServerAndDirect() {
        Path data = home.resolve("data");
        Cli cli = night(data);
        assertThat(cli.run("pause", "fe01").exit()).isZero();

        Cli.Result direct = cli.run("wait", "fe01", "--for", "drained", "--timeout", "1s");

        assertThat(direct.exit()).as(direct.toString()).isEqualTo(6);
        assertThat(direct.err()).contains("wait: fe01: 1 session left, time to drained unknown")
                .contains("error: timed out after 1s waiting for fe01 to be drained");
        try (Serving serving = serve(data)) {
            Cli.Result through = cli.run("wait", "fe01", "--for", "offline", "--timeout", "1s");
            assertThat(through.exit()).as(through.toString()).isEqualTo(6);
            assertRefused(cli.run("wait", "fe09", "--for", "running"), 2, "UNKNOWN_SERVER");
            assertThat(cli.run("wait", "fe02", "--for", "running", "--json").json())
                    .containsEntry("holds", true).containsEntry("for", "running");
        }
    }

    @Test
    void givenADeadlineThatPassesWhileWaitingDirectly_thenWaitSeesTheDrain() {
        Path data = home.resolve("data");
        Cli cli = night(data);
        assertThat(cli.run("pause", "fe01", "--deadline", "2s").exit()).isZero();

        Cli.Result r = cli.run("wait", "fe01", "--for", "drained", "--timeout", "60s");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("fe01: drained\n");
    }

    @Test
    void givenAStaleServeJson_whenCalling_thenItIsIgnored() throws Exception {
        Path data = home.resolve("data");
        Cli cli = night(data);
        new io.quiesce.cli.client.ServeFile("http://127.0.0.1:9", "t", Long.MAX_VALUE).writeTo(data);

        Cli.Result r = cli.run("status", "fe01");

        assertThat(r.exit()).as(r.toString()).isZero();
    }

    private static Serving serve(Path data) {
        return Serving.start(QuiesceOptions.at(data), ServeSettings.loopback(0),
                new PrintStream(OutputStream.nullOutputStream()));
    }
}
