package io.quiesce.cli.traffic;

import io.quiesce.rules.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent check listener over real loopback sockets, as HAProxy talks to it. */
class AgentCheckListenerTest {
    AgentCheckListener listener;

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
    }

    private AgentCheckListener start(Supplier<CompletionStage<Deployment>> state) throws IOException {
        listener = AgentCheckListener.start(new InetSocketAddress("127.0.0.1", 0), state, Pool.CATALOG);
        return listener;
    }

    private String ask(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(listener.address(), 2000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void givenAPausedService_whenHaproxyAsks_thenItHearsDrainAndTheConnectionCloses() throws IOException {
        Deployment state = Pool.ofThree().pause("fe01", "RTCSRV").state();
        start(() -> CompletableFuture.completedFuture(state));

        assertThat(ask("fe01 RTCSRV\n")).isEqualTo("drain\n");
        assertThat(ask("fe02 RTCSRV\n")).isEqualTo("ready up\n");
        assertThat(ask("fe07 RTCSRV\n")).isEqualTo("down\n");
    }

    @Test
    void givenManyChecksInARow_thenEachIsAnswered() throws IOException {
        Deployment state = Pool.ofThree().state();
        start(() -> CompletableFuture.completedFuture(state));
        for (int i = 0; i < 200; i++) {
            assertThat(ask("fe0" + (1 + i % 3) + " RTCSRV\n")).isEqualTo("ready up\n");
        }
    }

    @Test
    void givenALineLongerThanTheLimit_thenItIsAnsweredDownWithoutWaitingForMore() throws IOException {
        Deployment state = Pool.ofThree().state();
        start(() -> CompletableFuture.completedFuture(state));

        assertThat(ask("x".repeat(AgentCheckListener.MAX_LINE + 50))).isEqualTo("down\n");
    }

    @Test
    void givenAClientThatSendsNothing_thenItIsClosedAfterTheIdleTime() throws IOException {
        Deployment state = Pool.ofThree().state();
        start(() -> CompletableFuture.completedFuture(state));
        try (Socket idle = new Socket()) {
            idle.connect(listener.address(), 2000);
            idle.setSoTimeout((int) AgentCheckListener.IDLE.toMillis() * 3);
            InputStream in = idle.getInputStream();

            assertThat(in.read()).as("closed without an answer").isEqualTo(-1);
        }
        assertThat(ask("fe01 RTCSRV\n")).as("others are still served").isEqualTo("ready up\n");
    }

    @Test
    void givenTheStateCannotBeRead_thenTheCheckIsLeftUnansweredSoHaproxyKeepsTheServerAsItWas() throws IOException {
        start(() -> CompletableFuture.failedFuture(new IllegalStateException("journal stuck")));

        assertThat(ask("fe01 RTCSRV\n")).isEmpty();
    }
}
