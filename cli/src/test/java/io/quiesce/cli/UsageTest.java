package io.quiesce.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed command lines: exit 2, one line on stderr, and the data directory is never touched. */
class UsageTest {
    @TempDir
    Path home;

    Cli.Result run(String... args) {
        return Cli.administrator(home.resolve("data")).run(args);
    }

    void assertUsageError(Cli.Result r, String... fragments) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).as(r.toString()).singleElement().asString().startsWith("usage error: ")
                .contains(fragments).endsWith("--help').");
        assertThat(Files.exists(home.resolve("data"))).as("data directory created").isFalse();
    }

    @Test
    void malformedDurationsAreRefused() {
        assertUsageError(run("pause", "fe01", "--deadline", "soon"), "'soon' is not a duration", "PT30M");
        assertUsageError(run("pause", "fe01", "--deadline", "30x"), "'30x' is not a duration");
    }

    @Test
    void malformedValuesAndMissingOnesAreRefused() {
        assertUsageError(run("startup", "fe01", "sometimes"), "expected one of [AUTOMATIC, MANUAL, DISABLED]");
        assertUsageError(run("pool", "set", "pool1", "--dns-lb", "maybe"), "expected one of [ON, OFF]", "'maybe'");
        assertUsageError(run("pool", "set", "pool1"), "--dns-lb");
        assertUsageError(run("connect", "pool1"), "--feature");
        assertUsageError(run("reboot", "fe01"), "'reboot'");
        assertUsageError(run("pause", "fe01", "--forse"), "--forse");
    }

    /** No argument file is read: {@code @.} is an argument like any other, and so is a reason that starts with @. */
    @Test
    void anArgumentStartingWithAnAtSignIsTakenAsWritten() throws Exception {
        assertUsageError(run("@."), "'@.'");
        assertThat(run("status", "@.").errLines()).singleElement().asString().contains("named @.");

        Path notes = Files.writeString(home.resolve("notes"), "--force");
        assertThat(run("pool", "create", "pool1", "--reason", "@" + notes).exit()).isZero();
        assertThat(run("history", "--json").out()).contains("@" + notes).doesNotContain("--force");
    }

    @Test
    void aGroupWithoutItsSubcommandIsAUsageError() {
        Cli.Result r = run("pool");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("usage error: 'quiesce pool' needs a subcommand: create, set (see 'quiesce pool"
                + " --help').\n");
    }

    @Test
    void noCommandPrintsTheUsageOnStderr() {
        Cli.Result r = run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Usage: quiesce").contains("pause", "demo", "simulate", "Exit codes:");
    }

    @Test
    void helpAndVersionExitZero() {
        Cli.Result help = run("pause", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: quiesce pause").contains("--deadline=DURATION", "--data=DIR");
        Cli.Result version = run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("quiesce ");
    }

    @Test
    void anUnreadableCatalogIsBadInput() throws Exception {
        Path catalog = Files.writeString(home.resolve("catalog.json"), "{\"roles\": [}");
        Cli.Result r = run("status", "--catalog", catalog.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("error: cannot use the catalog " + catalog);
    }

    @Test
    void durationsReadIsoAndShortForms() {
        assertThat(Durations.parse("PT30M")).hasMinutes(30);
        assertThat(Durations.parse("pt1h")).hasHours(1);
        assertThat(Durations.parse("90s")).hasSeconds(90);
        assertThat(Durations.parse("2h")).hasHours(2);
        assertThat(Durations.parse("1h30m")).hasMinutes(90);
        assertThat(Durations.format(Durations.parse("1h30m5s"))).isEqualTo("1h30m5s");
        assertThat(Durations.format(Durations.parse("0s"))).isEqualTo("0s");
    }

    @Test
    void stepWordsSplitLikeAShell() {
        assertThat(Tokens.split("10s pause fe01 --reason 'patch night'"))
                .containsExactly("10s", "pause", "fe01", "--reason", "patch night");
        assertThat(Tokens.split("  a  \"b c\"d ")).containsExactly("a", "b cd");
    }
}
