package io.quiesce.internal.persistence;

import io.quiesce.DnsLoadBalancing;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariant I6 (docs/behaviour.md): the state rebuilt from the journal after a process restart equals the state before it. */
class RecoveryTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final String FE = "Lync Server Front-End";

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));

    QuiesceOptions options() {
        return QuiesceOptions.at(dir).withClock(clock);
    }

    @Test
    void statusAfterReopenEqualsStatusBeforeClose() {
        Deployment before;
        try (Quiesce q = Quiesce.open(options())) {
            Operator alice = q.as(ADMIN).because("patch night");
            assertThat(alice.createPool("pool1", DnsLoadBalancing.OFF)).isInstanceOf(Decision.Accepted.class);
            for (String server : new String[] {"fe01", "fe02", "fe03"}) {
                assertThat(alice.addServer("pool1", server)).isInstanceOf(Decision.Accepted.class);
            }
            for (int i = 0; i < 6; i++) {
                assertThat(alice.connect("pool1", "call-park", "cp-" + i)).isInstanceOf(Decision.Accepted.class);
            }
            assertThat(alice.pause(Target.server("fe01"))).isInstanceOf(Decision.Accepted.class);
            assertThat(alice.setStartup(Target.server("fe01"), StartupType.MANUAL))
                    .isInstanceOf(Decision.Accepted.class);
            alice.end("cp-0");
            clock.advance(Duration.ofMinutes(5));
            before = q.status();
        }
        assertThat(before.server("fe01").orElseThrow().service(FE).status()).isNotEqualTo(ServiceStatus.RUNNING);
        try (Quiesce q = Quiesce.open(options())) {
            assertThat(q.status()).isEqualTo(before);
        }
    }
}
