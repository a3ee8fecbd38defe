package io.quiesce.cli;

import io.quiesce.cli.serve.ServeSettings;
import io.quiesce.cli.serve.Serving;
import io.quiesce.QuiesceOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * History and replay with a live server on the directory: history is read over HTTP, and the
 * export file is written by the command line on its own machine, not by the server.
 */
class HistoryReplayThroughServerTest extends HistoryReplayTest {
    static Serving serving;

    /** Runs after the night was recorded directly: every test's call then goes to the server. */
    @BeforeAll
    static void serve() {
        serving = Serving.start(QuiesceOptions.at(home.resolve("data")), ServeSettings.loopback(0),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        serving.close();
    }

    @Test
    void givenAServer_whenExporting_thenTheCallerWritesTheSameFileAsADirectExport() throws IOException {
        Path again = home.resolve("through-server.jsonl");

        Cli.Result export = cli.run("history", "--export", again.toString());

        assertThat(export.exit()).as(export.toString()).isZero();
        assertThat(export.out()).isEqualTo("Wrote " + Files.readAllLines(exported).size() + " events to " + again
                + ".\n");
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(exported));
    }
}
