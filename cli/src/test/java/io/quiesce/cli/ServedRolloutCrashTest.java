package io.quiesce.cli;

import io.quiesce.cli.client.ServeFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.quiesce.cli.Cli.list;
import static io.quiesce.cli.Cli.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rollout driven by {@code quiesce serve}, whose process is killed (SIGKILL) mid-rollout: the
 * next {@code serve} takes it up at its step, and no server is patched twice. A patch step whose
 * outcome was never recorded waits for {@code rollout resume --rerun-unfinished}.
 */
class ServedRolloutCrashTest {
    private static final long START_SECONDS = 90;

    @TempDir
    Path home;

    final List<Process> serves = new ArrayList<>();

    @AfterEach
    void stopServes() {
        serves.forEach(Process::destroyForcibly);
    }

    Path data() {
        return home.resolve("data");
    }

    Cli cli() {
        return Cli.administrator(data());
    }

    Path patched() {
        return home.resolve("patched.log");
    }

    void threeServerPool() {
        assertThat(cli().run("pool", "create", "pool1").exit()).isZero();
        for (String s : List.of("fe01", "fe02", "fe03")) {
            assertThat(cli().run("server", "add", "pool1", s).exit()).isZero();
        }
    }

    @Test
    void killedWhileWaitingForADrain_theNextServeCarriesOnAtThatStep() throws Exception {
        // given a call on fe01, and a served rollout waiting for fe01 to drain
        threeServerPool();
        assertThat(cli().run("connect", "pool1", "--feature", "calls", "--id", "call-1").exit()).isZero();
        Process first = serve();
        CompletableFuture<Cli.Result> following = CompletableFuture.supplyAsync(() -> cli().run("rollout", "start",
                "pool1", "--exec", "echo {server} >> " + patched()));
        awaitStep("DRAIN", "fe01");

        // when the serving process is killed, and serve is started again
        first.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        Cli.Result lost = following.get(1, TimeUnit.MINUTES);
        assertThat(lost.exit()).as(lost.toString()).isEqualTo(5);
        assertThat(lost.err()).contains("cannot reach the server").contains("the next quiesce serve takes it up");
        Process second = serve();

        // then it takes the rollout up at fe01's drain: the call ends, and it completes
        awaitStep("DRAIN", "fe01");
        assertThat(cli().run("end", "call-1").exit()).isZero();
        Map<String, Object> done = awaitEnd();
        assertThat(done).containsEntry("status", "COMPLETED");
        assertThat(Files.readString(serveLog(second))).contains("rollout 1 of pool pool1 taken up where it stopped")
                .contains("rollout pool1: [batch 1/3] fe01: wait until drained: drained");
        stop(second);
        // and no server was patched twice, no step taken twice, nothing interrupted
        assertThat(Files.readAllLines(patched())).containsExactly("fe01", "fe02", "fe03");
        RolloutCrashTest.assertRolledOnceEach(data(), List.of());
    }

    @Test
    void killedAtThePatchStep_theNextServeWaitsForConsent_thenNoServerIsPatchedTwice() throws Exception {
        // given a served rollout whose patch command kills the server as fe02's patch starts
        threeServerPool();
        Path marker = home.resolve("killed");
        String patch = "if [ {server} = fe02 ] && [ ! -e " + marker + " ]; then touch " + marker
                + "; kill -9 $PPID; exit 1; fi; echo {server} >> " + patched();
        serve();
        Cli.Result lost = cli().run("rollout", "start", "pool1", "--exec", patch);
        assertThat(lost.exit()).as(lost.toString()).isEqualTo(5);
        assertThat(lost.err()).contains("cannot reach the server").contains("the next quiesce serve takes it up");

        // when serve starts again
        Process second = serve();

        // then the rollout waits at fe02's patch step, and status says so
        Cli.Result status = cli().run("rollout", "status", "pool1");
        assertThat(status.out()).contains("in progress").contains("step under way: run the patch step fe02")
                .contains("fe02  OFFLINE_PATCH_UNFINISHED");
        assertThat(Files.readString(serveLog(second))).contains("rollout 1 of pool pool1 waits: refused"
                + " (PATCH_UNFINISHED)");
        Cli.Result plain = cli().run("rollout", "resume", "pool1");
        assertThat(plain.exit()).as(plain.toString()).isEqualTo(3);
        assertThat(plain.err()).contains("PATCH_UNFINISHED").contains("fe02");

        // when the admin consents through the server
        Cli.Result resumed = cli().run("rollout", "resume", "pool1", "--rerun-unfinished");

        // then it completes there, each server patched once
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).startsWith("[batch 2/3] fe02: run the patch step ...");
        stop(second);
        assertThat(Files.readAllLines(patched())).containsExactly("fe01", "fe02", "fe03");
        RolloutCrashTest.assertRolledOnceEach(data(), List.of("fe02:PATCH"));
    }

    /** {@code quiesce serve} on the data directory in a JVM of its own, once its serve.json is written. */
    Process serve() throws IOException, InterruptedException {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                QuiesceCli.class.getName(), "serve", "--listen", "127.0.0.1:0");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(home.resolve("serve-" + serves.size() + ".err").toFile());
        builder.environment().put("QUIESCE_DATA", data().toString());
        Process serve = builder.start();
        serves.add(serve);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < until) {
            if (ServeFile.live(data()).filter(f -> f.pid() == serve.pid()).isPresent()) {
                return serve;
            }
            assertThat(serve.isAlive()).as("serve exited early: " + Files.readString(serveLog(serve))).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not write serve.json within " + START_SECONDS + "s");
    }

    Path serveLog(Process serve) {
        return home.resolve("serve-" + serves.indexOf(serve) + ".err");
    }

    /** SIGTERM, and wait for a clean exit. */
    void stop(Process serve) throws Exception {
        serve.destroy();
        assertThat(serve.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(serve.exitValue()).as(Files.readString(serveLog(serve), StandardCharsets.UTF_8)).isZero();
    }

    void awaitStep(String step, String server) throws InterruptedException {
        RolloutThroughServerTest.awaitStep(cli(), step, server, Duration.ofMinutes(2));
    }

    Map<String, Object> awaitEnd() throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Cli.Result status = cli().run("rollout", "status", "pool1", "--json");
            if (status.exit() == 0 && !"IN_PROGRESS".equals(status.json().get("status"))) {
                assertThat(list(status.json().get("servers"))).allSatisfy(s -> assertThat(object(s).get("state"))
                        .isEqualTo("ROLLED"));
                return status.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the rollout never ended");
    }
}
