package io.quiesce.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code plan} shows what a forced stop would print, the warning for each guard it overrides included. */
class PlanCommandTest {
    @TempDir
    Path home;

    @Test
    void theForcedStopShowsTheGuardItWouldOverride() {
        Cli cli = Cli.administrator(home.resolve("data"));
        for (String[] step : List.of(new String[] {"pool", "create", "pool1"},
                new String[] {"server", "add", "pool1", "fe01"}, new String[] {"server", "add", "pool1", "fe02"})) {
            assertThat(cli.run(step).exit()).isZero();
        }

        Cli.Result plan = cli.run("plan", "fe01");
        Cli.Result forced = cli.run("stop", "fe01", "--force");

        String warning = "warning: forced: stopping fe01 leaves pool pool1 with 1 of 2 servers up, below its quorum of 2.";
        assertThat(plan.out()).contains("stop --force would do:", "  " + warning);
        assertThat(forced.out()).contains(warning).doesNotContain("or force");
    }
}
