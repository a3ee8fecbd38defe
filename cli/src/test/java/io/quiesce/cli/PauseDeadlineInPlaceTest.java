package io.quiesce.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pause --deadline} on a service already paused moves its deadline; {@code --no-deadline} clears it. */
class PauseDeadlineInPlaceTest {
    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void aPoolWithAPausedService() {
        cli = Cli.administrator(home.resolve("data"));
        for (String[] step : List.of(
                new String[] {"pool", "create", "pool1"},
                new String[] {"server", "add", "pool1", "fe01"},
                new String[] {"server", "add", "pool1", "fe02"},
                new String[] {"connect", "pool1", "--feature", "im-conferencing", "--id", "m1"},
                new String[] {"pause", "fe01", "--service", "RTCIMMCU"})) {
            Cli.Result r = cli.run(step);
            assertThat(r.exit()).as(r.toString()).isZero();
        }
    }

    private Map<String, Object> imConferencing() {
        Map<String, Object> status = cli.run("status", "fe01", "--json").json();
        Map<String, Object> server = Cli.object(Cli.list(Cli.object(Cli.list(status.get("pools")).get(0))
                .get("servers")).get(0));
        return Cli.list(server.get("services")).stream().map(Cli::object)
                .filter(s -> s.get("shortName").equals("RTCIMMCU")).findFirst().orElseThrow();
    }

    @Test
    void aSecondPauseWithADeadlineSetsItWithoutResuming() {
        Cli.Result r = cli.run("pause", "fe01", "--service", "RTCIMMCU", "--deadline", "5m", "--reason", "window");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("RTCIMMCU", "PAUSING, deadline now ", "deadline: ")
                .doesNotContain("unchanged");
        assertThat(imConferencing()).containsEntry("status", "PAUSING").containsEntry("sessions", 1L);
        assertThat(imConferencing().get("deadline")).isNotNull();
        assertThat(cli.run("history", "--server", "fe01").out())
                .contains("PauseDeadlineChanged", "by alice", "reason: window");
    }

    @Test
    void noDeadlineClearsIt() {
        cli.run("pause", "fe01", "--service", "RTCIMMCU", "--deadline", "5m");
        Cli.Result r = cli.run("pause", "fe01", "--service", "RTCIMMCU", "--no-deadline", "--json");

        assertThat(r.exit()).as(r.toString()).isZero();
        Map<String, Object> outcome = Cli.object(Cli.list(r.json().get("outcomes")).get(0));
        assertThat(outcome).containsEntry("changed", true).containsEntry("deadlineChanged", true)
                .containsEntry("deadline", null);
        assertThat(imConferencing()).containsEntry("status", "PAUSING");
        assertThat(imConferencing().get("deadline")).isNull();
    }

    @Test
    void deadlineAndNoDeadlineTogetherAreBadUsage() {
        Cli.Result r = cli.run("pause", "fe01", "--deadline", "5m", "--no-deadline");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("usage error:").contains("mutually exclusive");
    }

    @Test
    void zeroAndTooLongAreOneRuleWithOneMessageAndExitTwo() {
        for (String deadline : List.of("0s", "31d")) {
            Cli.Result r = cli.run("pause", "fe02", "--deadline", deadline);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().startsWith("usage error:")
                    .contains("a pause deadline must be more than zero and at most 30 days (720h) away")
                    .doesNotContain("refused");
        }
    }
}
