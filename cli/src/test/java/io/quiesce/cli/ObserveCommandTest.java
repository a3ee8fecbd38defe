package io.quiesce.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code observe} records a load balancer's count from the command line, as the API and the poller do. */
class ObserveCommandTest {
    @TempDir
    Path home;

    @Test
    void givenAPausedService_whenItsObservedCountFallsToZero_thenItIsDrained() {
        Cli cli = Cli.administrator(home.resolve("data"));
        for (String[] step : List.of(new String[] {"pool", "create", "pool1"},
                new String[] {"server", "add", "pool1", "fe01"}, new String[] {"server", "add", "pool1", "fe02"},
                new String[] {"observe", "fe01", "--service", "RTCSRV", "--sessions", "5"},
                new String[] {"pause", "fe01", "--service", "RTCSRV"})) {
            assertThat(cli.run(step).exit()).as(String.join(" ", step)).isZero();
        }
        assertThat(cli.run("--json", "status", "fe01").out()).contains("\"observed\":5");

        Cli.Result drained = cli.run("observe", "fe01", "--service", "RTCSRV", "--sessions", "0");

        assertThat(drained.exit()).isZero();
        assertThat(drained.out()).contains("0 observed, PAUSING -> DRAINED");
        assertThat(cli.run("status", "fe01").out()).contains("DRAINED");
        assertThat(cli.run("--json", "observe", "fe01", "--service", "RTCSRV", "--sessions", "0").out())
                .contains("\"server\":\"fe01\"");
    }

    @Test
    void givenANegativeCountOrNoService_whenObserved_thenItIsRefusedAsBadInput() {
        Cli cli = Cli.administrator(home.resolve("data"));
        cli.run("pool", "create", "pool1");
        cli.run("server", "add", "pool1", "fe01");

        assertThat(cli.run("observe", "fe01", "--service", "RTCSRV", "--sessions", "-1").exit()).isEqualTo(2);
        assertThat(cli.run("observe", "fe01", "--sessions", "3").exit()).isEqualTo(2);
    }
}
