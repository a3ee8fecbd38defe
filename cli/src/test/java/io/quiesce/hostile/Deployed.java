package io.quiesce.hostile;

import io.quiesce.DnsLoadBalancing;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.rules.Decision;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory in use: pool1 (fe01-fe03, DNS load balancing) and pool2 (fe04, fe05, without),
 * fe02 paused (drained), fe03 offline, one call on fe01 (c1) and one Call Park session on pool2
 * (c2), so that every command has something to change. Made through the library in one open,
 * since each command line invocation costs an open.
 */
final class Deployed {
    private Deployed() {
    }

    static Path at(Path data) {
        try (Quiesce q = Quiesce.open(data)) {
            Operator alice = q.as(Principal.of("alice", "Administrators"));
            expectAccepted(alice.createPool("pool1"));
            expectAccepted(alice.createPool("pool2", DnsLoadBalancing.OFF));
            for (String server : new String[] {"fe01", "fe02", "fe03"}) {
                expectAccepted(alice.addServer("pool1", server));
            }
            expectAccepted(alice.addServer("pool2", "fe04"));
            expectAccepted(alice.addServer("pool2", "fe05"));
            expectAccepted(alice.connect("pool1", "calls", "c1"));
            expectAccepted(alice.connect("pool2", "call-park", "c2"));
            expectAccepted(alice.pause(Target.server("fe02")));
            expectAccepted(alice.pause(Target.server("fe03")));
            expectAccepted(alice.stop(Target.server("fe03")));
        }
        return data;
    }

    private static void expectAccepted(Decision d) {
        assertThat(d).as("setting up the data directory").isInstanceOf(Decision.Accepted.class);
    }
}
