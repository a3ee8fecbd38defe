package io.quiesce.hostile;

import io.quiesce.catalog.Catalog;
import io.quiesce.auth.Authorization;
import io.quiesce.catalog.CatalogException;
import io.quiesce.formats.catalog.CatalogLoader;
import io.quiesce.history.HistoryException;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.history.Replay;
import io.quiesce.rules.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs the hostile generators found faults with, kept as they were found, each with what it must give. */
class FoundInputsTest {
    private static final String CREATE = "{\"at\":\"2026-11-20T22:00:00Z\",\"command\":\"createPool\","
            + "\"pool\":\"pool1\"}\n{\"at\":\"2026-11-20T22:00:00Z\",\"command\":\"addServer\",\"pool\":\"pool1\",\"server\":\"fe01\"}\n";

    @TempDir
    Path home;

    private Invocation run(String... args) {
        return Invocation.run(home, Map.of("QUIESCE_DATA", home.resolve("data").toString(), "QUIESCE_GROUPS",
                "Administrators"), args);
    }

    @Test
    void aNameWithALineBreakIsQuotedOnOneLine() {
        assertThatThrownBy(() -> CatalogLoader.parse(
                "{\"defaultRole\":\"edge\",\"roles\":\"[]\",\"efe01\\nxtra\":\"{\"}", "gen.json")).isInstanceOf(CatalogException.class)
                .hasMessage("gen.json: the catalog has unknown field \"efe01\\nxtra\" (allowed: defaultRole, roles)");
        assertThatThrownBy(() -> replay(CREATE + "{\"at\":\"2026-11-21T09:12:00Z\",\"command\":\"connect\","
                + "\"pool\":\"pool1\",\"feature\":\"calls\",\"ex\\rtra\":\" \"}\n"))
                .isInstanceOf(HistoryException.class).hasMessage("gen.jsonl:3: connect has unknown field \"ex\\rtra\""
                        + " (allowed: command, at, as, groups, reason, pool, feature, id)");
    }

    @Test
    void bytesThatAreNotUtf8AreReportedOnTheirOwnLine() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(CREATE.getBytes(StandardCharsets.UTF_8));
        file.writeBytes("{\"at\":\"2026-11-20T22:01:00Z\",\"command\":\"pause\",\"server\":\"fe\u00e9".getBytes(
                StandardCharsets.ISO_8859_1));
        file.writeBytes("01\"}\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> replayBytes(file.toByteArray())).isInstanceOf(HistoryException.class)
                .hasMessage("gen.jsonl:3: not UTF-8 text");

        Files.write(home.resolve("latin1.jsonl"), file.toByteArray());
        Invocation r = run("replay", "latin1.jsonl");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: latin1.jsonl:3: not UTF-8 text\n");
    }

    @Test
    void aPauseDeadlinePastTheLastInstantIsAFaultOfItsLine() {
        assertThatThrownBy(() -> replay(CREATE + "{\"at\":\"2026-11-20T22:01:00Z\",\"command\":\"pause\","
                + "\"server\":\"fe01\",\"deadline\":\"P106751991167300D\"}\n"))
                .isInstanceOf(HistoryException.class).hasMessageStartingWith("gen.jsonl:3: \"deadline\"");
        assertThatThrownBy(() -> replay(CREATE + "{\"at\":\"+1000000000-12-31T23:59:59Z\",\"command\":\"pause\","
                + "\"server\":\"fe01\",\"deadline\":\"PT1H\"}\n"))
                .isInstanceOf(HistoryException.class).hasMessageStartingWith("gen.jsonl:3: \"deadline\"");
    }

    @Test
    void aFileNameWithANulByteIsAUsageErrorThatNamesNoException() {
        Invocation r = run("history", "--export", "e\u0000xport.jsonl");
        r.assertContract("a NUL in a file name");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("usage error: Invalid value for option '--export': 'e\u0000xport.jsonl' is not"
                + " a usable file name: Nul character not allowed");
        assertThat(home.resolve("data")).doesNotExist();
    }

    @Test
    void durationsTooLongForTheActorSystemOrTheClockAreUsageErrors() throws Exception {
        Invocation pause = run("pause", "fe01", "--deadline", "250d");
        assertThat(pause.exit()).as(pause.toString()).isEqualTo(2);
        assertThat(pause.err()).contains("'250d': a pause deadline must be more than zero and at most 30 days (720h) away");

        Invocation simulate = run("simulate", "pool1", "--duration", "106751991167300d");
        assertThat(simulate.exit()).as(simulate.toString()).isEqualTo(2);
        assertThat(simulate.err()).isEqualTo("error: --duration and --mean must be at most 24h.\n");

        Files.writeString(home.resolve("script.jsonl"), "{\"at\":\"2026-11-20T22:01:00Z\",\"command\":\"pause\","
                + "\"server\":\"fe01\",\"deadline\":\"P300D\"}\n");
        Invocation script = run("simulate", "pool1", "--script", "script.jsonl");
        assertThat(script.exit()).as(script.toString()).isEqualTo(2);
        assertThat(script.err()).contains("script.jsonl:1: a pause deadline must be more than zero and at most 30 days"
                + " (720h) away, not PT7200H");
        assertThat(home.resolve("data")).as("refused before the data directory is opened").doesNotExist();
    }

    private static void replay(String text) {
        replayBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void replayBytes(byte[] bytes) {
        new Replay(new Rules(Catalog.defaults(), Authorization.defaults())).run(
                HistoryReader.ofUtf8(new ByteArrayInputStream(bytes), "gen.jsonl", "Administrators"), "gen.jsonl",
                null);
    }

    @Test
    void anUnbalancedQuoteInAGroupListIsRefusedInOneLine() {
        Invocation r = run("Users,Administrators", "--groups", "Adminis\"trators", "pool", "create", "--no-dns-lb");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.toString()).hasSize(1);
    }
}
