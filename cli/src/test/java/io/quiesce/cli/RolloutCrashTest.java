package io.quiesce.cli;

import io.quiesce.event.Event;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.rollout.RolloutEvent;
import io.quiesce.rollout.RolloutStep;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rollout whose process is killed (SIGKILL, no chance to tidy up) at a step, then resumed: it
 * carries on at that step, takes no step twice and patches no server twice.
 */
class RolloutCrashTest {
    @TempDir
    Path home;

    Path data() {
        return home.resolve("data");
    }

    Cli cli() {
        return Cli.administrator(data());
    }

    void threeServerPool() {
        assertThat(cli().run("pool", "create", "pool1").exit()).isZero();
        for (String s : List.of("fe01", "fe02", "fe03")) {
            assertThat(cli().run("server", "add", "pool1", s).exit()).isZero();
        }
    }

    /** {@code quiesce ARGS} in a JVM of its own, as alice, an administrator. */
    Process child(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                QuiesceCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(home.resolve("child.out").toFile()).redirectError(home.resolve("child.err").toFile());
        builder.environment().put("QUIESCE_DATA", data().toString());
        builder.environment().put("QUIESCE_GROUPS", "Administrators");
        return builder.start();
    }

    /** A patch command that logs each server it patches; the first time it reaches {@code server} it kills its rollout first. */
    String patchKillingAt(String server) {
        Path log = home.resolve("patched.log");
        Path marker = home.resolve("killed");
        return "if [ {server} = " + server + " ] && [ ! -e " + marker + " ]; then touch " + marker
                + "; kill -9 $PPID; exit 1; fi; echo {server} >> " + log;
    }

    @Test
    void killedAtThePatchStep_resumeAsksBeforeRunningItAgain_thenNoServerIsPatchedTwice() throws Exception {
        // given a rollout whose process is killed as fe02's patch step starts
        threeServerPool();
        Process killed = child("rollout", "start", "pool1", "--reason", "KB5031", "--exec", patchKillingAt("fe02"));
        assertThat(killed.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(killed.exitValue()).as(Files.readString(home.resolve("child.err"))).isEqualTo(137);

        // when resumed without consent: refused, naming the server, exit 3
        Cli.Result plain = cli().run("rollout", "resume", "pool1");
        assertThat(plain.exit()).as(plain.toString()).isEqualTo(3);
        assertThat(plain.err()).contains("PATCH_UNFINISHED").contains("fe02");
        // and the server is kept out of other hands meanwhile
        assertThat(cli().run("start", "fe02").err()).contains("ROLLOUT_IN_PROGRESS");

        // when resumed with consent (the admin checked: the patch never ran)
        Cli.Result resumed = cli().run("rollout", "resume", "pool1", "--rerun-unfinished");

        // then it completes, each server patched once, no step taken twice
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(Files.readAllLines(home.resolve("patched.log"))).containsExactly("fe01", "fe02", "fe03");
        assertRolledOnceEach(List.of("fe02:PATCH"));
    }

    @Test
    void killedWhileWaitingForADrain_resumeCarriesOnAtThatStep() throws Exception {
        // given a call on fe01 and a rollout killed while it waits for fe01 to drain
        threeServerPool();
        assertThat(cli().run("connect", "pool1", "--feature", "calls", "--id", "call-1").exit()).isZero();
        Process waiting = child("rollout", "start", "pool1", "--exec", patchKillingAt("none"));
        Path err = home.resolve("child.err");
        for (int i = 0; i < 600 && !Files.readString(err, StandardCharsets.UTF_8).contains("session left"); i++) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(err)).contains("fe01: wait until drained ...");
        waiting.destroyForcibly().waitFor(1, TimeUnit.MINUTES);

        // when the call ends naturally and the rollout is resumed
        assertThat(cli().run("end", "call-1").exit()).isZero();
        Cli.Result resumed = cli().run("rollout", "resume", "pool1");

        // then it completes from fe01's drain, nothing interrupted, nothing done twice
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).startsWith("[batch 1/3] fe01: wait until drained ...");
        assertThat(Files.readAllLines(home.resolve("patched.log"))).containsExactly("fe01", "fe02", "fe03");
        assertRolledOnceEach(List.of());
    }

    /**
     * Every step of every server started and done once (those in {@code startedTwice} started twice, with
     * consent), each service paused and stopped once, and every server back RUNNING and AUTOMATIC.
     */
    void assertRolledOnceEach(List<String> startedTwice) {
        assertRolledOnceEach(data(), startedTwice);
    }

    /** The same, of the pool1 in {@code data}. */
    static void assertRolledOnceEach(Path data, List<String> startedTwice) {
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(data))) {
            Map<String, Integer> started = new TreeMap<>();
            Map<String, Integer> done = new TreeMap<>();
            for (RolloutEvent e : q.rollouts().history("pool1")) {
                if (e instanceof RolloutEvent.StepStarted s) {
                    started.merge(s.server() + ":" + s.step(), 1, Integer::sum);
                } else if (e instanceof RolloutEvent.StepDone d) {
                    done.merge(d.server() + ":" + d.step(), 1, Integer::sum);
                } else if (e instanceof RolloutEvent.PatchFinished p) {
                    done.merge(p.server() + ":" + RolloutStep.PATCH, 1, Integer::sum);
                }
            }
            assertThat(done).hasSize(24).allSatisfy((step, n) -> assertThat(n).as(step).isEqualTo(1));
            assertThat(started).hasSize(24).allSatisfy((step, n) ->
                    assertThat(n).as(step).isEqualTo(startedTwice.contains(step) ? 2 : 1));
            List<Event> history = q.history();
            for (String server : List.of("fe01", "fe02", "fe03")) {
                assertThat(history).filteredOn(e -> e instanceof Event.ServiceStopped s && s.server().equals(server))
                        .hasSize(9);
                assertThat(history).filteredOn(e -> e instanceof Event.ServicePaused s && s.server().equals(server))
                        .hasSize(9);
            }
            assertThat(history).noneMatch(e -> e instanceof Event.SessionInterrupted);
            q.status().serversOf("pool1").forEach(s -> assertThat(s.services().values()).allSatisfy(svc -> {
                assertThat(svc.status()).isEqualTo(ServiceStatus.RUNNING);
                assertThat(svc.startup()).isEqualTo(StartupType.AUTOMATIC);
            }));
        }
    }
}
