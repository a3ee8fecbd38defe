package io.quiesce.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Server and pool names ignore case, as Windows host names do, and keep the spelling they were created with. */
class ServerNamesTest {
    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void aPool() {
        cli = Cli.administrator(home.resolve("data"));
        for (String[] step : List.of(
                new String[] {"pool", "create", "pool1"},
                new String[] {"server", "add", "pool1", "fe02"},
                new String[] {"server", "add", "POOL1", "FE01"})) {
            Cli.Result r = cli.run(step);
            assertThat(r.exit()).as(r.toString()).isZero();
        }
    }

    @Test
    void theSameNameInAnotherCaseCannotBeAddedTwice() {
        Cli.Result r = cli.run("server", "add", "pool1", "fe01");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).startsWith("refused (SERVER_EXISTS): server fe01 is already in pool pool1");
    }

    @Test
    void aServerIsAddressedInAnyCaseAndShownAsCreated() {
        Cli.Result r = cli.run("pause", "Fe01", "--service", "rtccps");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.run("status", "fE01").out()).contains("FE01").doesNotContain("Fe01");
    }

    @Test
    void serversAreListedInTheOrderRoutingBreaksTiesIn() {
        Cli.Result status = cli.run("status");
        Cli.Result routed = cli.run("connect", "pool1", "--feature", "im", "--id", "c1");

        assertThat(status.out().indexOf("FE01")).isLessThan(status.out().indexOf("fe02"));
        assertThat(routed.out()).startsWith("session c1 on FE01:");
    }
}
