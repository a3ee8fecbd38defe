package io.quiesce.cli;

import io.quiesce.QuiesceOptions;
import io.quiesce.cli.serve.ServeSettings;
import io.quiesce.cli.serve.Serving;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.quiesce.cli.Cli.list;
import static io.quiesce.cli.Cli.object;
import static io.quiesce.cli.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollouts sent to a live {@code quiesce serve} (found through its serve.json): the server drives
 * them, the command line follows with the foreground's display and exit codes.
 */
class RolloutThroughServerTest {
    @TempDir
    Path home;

    Serving serving;
    final ByteArrayOutputStream serverLog = new ByteArrayOutputStream();

    Path data() {
        return home.resolve("data");
    }

    Cli cli() {
        return Cli.administrator(data());
    }

    @BeforeEach
    void aServedPoolOfThree() {
        assertThat(cli().run("pool", "create", "pool1").exit()).isZero();
        for (String s : List.of("fe01", "fe02", "fe03")) {
            assertThat(cli().run("server", "add", "pool1", s).exit()).isZero();
        }
        serving = Serving.start(QuiesceOptions.at(data()), ServeSettings.loopback(0),
                new PrintStream(serverLog, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        serving.close();
    }

    String patchLogging() {
        return "echo {server} >> " + home.resolve("patched.log");
    }

    @Test
    void givenAServedPool_whenARolloutIsStartedThroughTheServer_thenItCompletesAndTheCommandLineShowsItsSteps()
            throws Exception {
        // given the plan, made by the server
        Cli.Result plan = cli().run("rollout", "plan", "pool1", "--exec", patchLogging());
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("rollout plan for pool pool1: 3 batches").contains("batch 3: fe03");

        // when a rollout is started through the server
        Cli.Result started = cli().run("rollout", "start", "pool1", "--exec", patchLogging(), "--reason", "KB5031");

        // then the command line showed each step as the server took it, and exits 0 with the result
        assertThat(started.exit()).as(started.toString()).isZero();
        assertThat(started.errLines()).contains("[batch 1/3] fe01: pause: paused",
                "[batch 2/3] fe02: run the patch step ...", "[batch 3/3] fe03: restore startup type: 9 of 9 service(s) changed");
        assertThat(started.err()).contains("[batch 3/3] fe03: run the patch step: exit 0 after");
        assertThat(started.out()).startsWith("rollout 1 of pool pool1: completed at ").contains("KB5031")
                .contains("fe02  ROLLED  patch exit 0");
        // and the patch ran on the server's side, once per server
        assertThat(Files.readAllLines(home.resolve("patched.log"))).containsExactly("fe01", "fe02", "fe03");
        assertThat(serverLog.toString(StandardCharsets.UTF_8)).contains("rollout pool1: [batch 1/3] fe01: stop: stopped");
        // and the status through the server says so
        Cli.Result status = cli().run("rollout", "status", "pool1", "--json");
        assertThat(status.json()).containsEntry("status", "COMPLETED").containsEntry("startedBy", "alice");
        assertThat(list(status.json().get("servers"))).allSatisfy(s -> assertThat(object(s)).containsEntry("state",
                "ROLLED"));
        // and the history through the server shows the rollout's own steps, in text and in JSON
        assertThat(cli().run("history", "--server", "fe02").out()).contains("RolloutPatchFinished")
                .contains("pool1 / fe02").contains("rollout 1, exitCode=0");
        List<Object> rollouts = list(cli().run("history", "--json").json().get("rollouts"));
        assertThat(object(rollouts.get(0))).containsEntry("type", "RolloutStarted").containsEntry("reason", "KB5031");
        assertThat(object(rollouts.get(rollouts.size() - 1))).containsEntry("type", "RolloutCompleted");
        // and a replay of the exported history shows each step the rollout took on the servers
        assertThat(cli().run("history", "--export", "night.jsonl").exit()).isZero();
        Cli.Result replay = cli().run("replay", "night.jsonl");
        assertThat(replay.out()).contains("Rollout steps: 15");
        assertThat(replay.lines()).anySatisfy(l -> assertThat(l).contains("rollout 1 of pool1").contains("fe02")
                .endsWith("stop (9 services)"));
        List<Object> steps = list(cli().run("--json", "replay", "night.jsonl").json().get("rolloutSteps"));
        assertThat(steps).hasSize(15).anySatisfy(s -> assertThat(object(s)).containsEntry("rollout", "rollout 1 of pool1")
                .containsEntry("server", "fe02").containsEntry("step", "stop").containsEntry("services", 9L));
        // and a second start on the completed pool is a new rollout, in JSON too
        Cli.Result second = cli().run("rollout", "start", "pool1", "--servers", "fe03", "--json");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.json()).containsEntry("rollout", 2L).containsEntry("status", "COMPLETED");
    }

    @Test
    void givenARolloutDrivenByTheServer_whenAbortedThroughIt_thenItStopsAfterTheCurrentStepAndTheStartExits3()
            throws Exception {
        // given a call on fe01 and a rollout the server drives, waiting for fe01 to drain
        assertThat(cli().run("connect", "pool1", "--feature", "calls", "--id", "call-1").exit()).isZero();
        CompletableFuture<Cli.Result> start = CompletableFuture.supplyAsync(() -> cli().run("rollout", "start",
                "pool1", "--exec", patchLogging()));
        awaitStep("DRAIN", "fe01");
        // and while it runs, its servers are the rollout's, and a second driver is refused
        assertRefused(cli().run("pause", "fe02"), 3, "ROLLOUT_IN_PROGRESS");
        assertRefused(cli().run("rollout", "resume", "pool1"), 3, "ROLLOUT_IN_PROGRESS");

        // when aborted through the server
        Cli.Result abort = cli().run("rollout", "abort", "pool1", "--reason", "change window closed");

        // then the abort waits for the current step to end and exits 0 with where each server was left
        assertThat(abort.exit()).as(abort.toString()).isZero();
        assertThat(abort.err()).startsWith("rollout 1 of pool pool1: abort asked; it stops after the current step"
                + " (wait until drained fe01)").doesNotContain("pause: paused");
        assertThat(abort.out()).startsWith("rollout 1 of pool pool1: aborted at ").contains("fe01  PAUSED_STARTUP_MANUAL")
                .contains("fe02  UNTOUCHED");
        // and the command line that started it saw it stop: exit 3, as in the foreground
        Cli.Result started = start.get(1, TimeUnit.MINUTES);
        assertThat(started.exit()).as(started.toString()).isEqualTo(3);
        assertThat(started.err()).contains("fe01: wait until drained: not drained (1 session(s) left): abort asked");
        assertThat(started.out()).contains("ABORT_REQUESTED");
        assertThat(home.resolve("patched.log")).doesNotExist();
        // and the call was never interrupted: fe01 is still paused with it
        assertThat(cli().run("status", "fe01", "--json").out()).contains("\"name\":\"fe01\",\"pool\":\"pool1\","
                + "\"role\":\"lync2013-frontend\",\"status\":\"PAUSING\",\"up\":true,\"sessions\":1,");
        assertThat(cli().run("history", "--json").out()).doesNotContain("SessionInterrupted");
    }

    void awaitStep(String step, String server) throws InterruptedException {
        awaitStep(cli(), step, server, Duration.ofMinutes(1));
    }

    /** Waits (at most {@code limit}) until the rollout of pool1, as {@code cli} sees it, has this step under way. */
    static void awaitStep(Cli cli, String step, String server, Duration limit) throws InterruptedException {
        for (long i = 0; i < limit.toMillis() / 100; i++) {
            Cli.Result status = cli.run("rollout", "status", "pool1", "--json");
            if (status.exit() == 0 && status.json().get("next") instanceof Map<?, ?> next && step.equals(next.get("step"))
                    && server.equals(next.get("server")) && Boolean.TRUE.equals(next.get("underWay"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the rollout never reached " + step + " " + server);
    }
}
