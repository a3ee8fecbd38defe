package io.quiesce.internal.persistence;

import io.quiesce.DnsLoadBalancing;
import io.quiesce.Force;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.PauseOptions;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceListener;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.RejectionCode;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands through the embedding API: overload, authorization, listeners. */
class GatekeeperTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final Principal MALLORY = Principal.of("mallory", "Users");
    static final String FE = "Lync Server Front-End";

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));

    @Test
    void givenAFloodOfCommands_whenTheQueueIsFull_thenEachIsDoneOrExplicitlyRefused() {
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(dir).withClock(clock).withFsync(false).withMaxPending(16))) {
            Operator alice = q.as(ADMIN);
            alice.createPool("pool1");
            alice.addServer("pool1", "fe01");
            List<CompletableFuture<Decision>> answers = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                answers.add(alice.connectAsync("pool1", "im", "s" + i).toCompletableFuture());
            }
            List<Decision> decisions = answers.stream().map(CompletableFuture::join).toList();

            long accepted = decisions.stream().filter(d -> d instanceof Decision.Accepted).count();
            long overloaded = decisions.stream().filter(d -> d instanceof Decision.Rejected r
                    && r.rejection().code() == RejectionCode.OVERLOADED).count();
            assertThat(accepted + overloaded).isEqualTo(2000);
            assertThat(overloaded).isPositive();
            assertThat(q.status().server("fe01").orElseThrow().service(FE).sessionCount()).isEqualTo((int) accepted);
        }
    }

    @Test
    void givenANonAdministrator_whenTheyTryEveryChange_thenAllAreRefusedAndTheJournalDoesNotGrow() throws IOException {
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(dir).withClock(clock).withFsync(false))) {
            Operator alice = q.as(ADMIN);
            alice.createPool("pool1");
            alice.addServer("pool1", "fe01");
            alice.connect("pool1", "im", "s1");
            Deployment before = q.status();
            long journalBytes = sizeOf(dir.resolve("journal"));

            Operator mallory = q.as(MALLORY);
            List<CompletionStage<Decision>> attempts = List.of(
                    mallory.createPoolAsync("pool2"), mallory.setDnsLoadBalancingAsync("pool1", DnsLoadBalancing.OFF),
                    mallory.addServerAsync("pool1", "fe09"),
                    mallory.pauseAsync(Target.server("fe01"), PauseOptions.untilDrained().forced()),
                    mallory.resumeAsync(Target.server("fe01")), mallory.startAsync(Target.server("fe01")),
                    mallory.stopAsync(Target.server("fe01"), Force.YES),
                    mallory.setStartupAsync(Target.server("fe01"), StartupType.MANUAL),
                    mallory.restartAsync(Target.server("fe01"), Force.YES), mallory.connectAsync("pool1", "im", "s2"),
                    mallory.endAsync("s1"));

            for (CompletionStage<Decision> attempt : attempts) {
                Decision d = attempt.toCompletableFuture().join();
                assertThat(d).isInstanceOfSatisfying(Decision.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.NOT_AUTHORIZED));
            }
            assertThat(q.status()).isEqualTo(before);
            assertThat(sizeOf(dir.resolve("journal"))).isEqualTo(journalBytes);
        }
    }

    @Test
    void listenersHearDrainingInterruptionsThePauseTrapAndLostConnections() {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        QuiesceListener listener = new QuiesceListener() {
            @Override
            public void statusChanged(String server, String service, ServiceStatus from, ServiceStatus to,
                                      Instant at) {
                if (service.equals(FE)) {
                    heard.add("status " + server + " " + from + "->" + to);
                }
            }

            @Override
            public void drained(String server, String service, Instant at) {
                heard.add("drained " + server + " " + service);
            }

            @Override
            public void sessionInterrupted(String server, String service, String session, String feature,
                                           InterruptionCause cause, Instant at) {
                heard.add("interrupted " + session + " " + cause);
            }

            @Override
            public void pauseClearedByRestart(String server, String service, Instant at) {
                if (service.equals(FE)) {
                    heard.add("pause cleared " + server);
                }
            }

            @Override
            public void connectionLost(String pool, String feature, String session, Instant at) {
                heard.add("lost " + session);
            }
        };
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(dir).withClock(clock).withFsync(false))) {
            q.addListener(listener);
            Operator alice = q.as(ADMIN);
            alice.createPool("pool1");
            alice.addServer("pool1", "fe01");
            alice.connect("pool1", "im", "s1");
            alice.connect("pool1", "im", "s2");
            alice.pause(Target.service("fe01", "RTCSRV"), PauseOptions.untilDrained().forced());
            alice.end("s1");
            alice.restart(Target.server("fe01"), Force.YES);
            alice.pause(Target.service("fe01", "RTCSRV"), PauseOptions.untilDrained().forced());
            alice.connect("pool1", "im", "s3");
        }
        assertThat(heard).containsExactly(
                "status fe01 RUNNING->PAUSING",
                "interrupted s2 RESTART",
                "pause cleared fe01",
                "status fe01 PAUSING->RUNNING",
                "drained fe01 " + FE,
                "status fe01 RUNNING->DRAINED",
                "lost s3");
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
