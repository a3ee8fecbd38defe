package io.quiesce.cli;

import io.quiesce.cli.serve.ServeSettings;
import io.quiesce.cli.serve.Serving;
import io.quiesce.QuiesceOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;

import static io.quiesce.cli.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same maintenance night, every call going over HTTP to a live {@code quiesce serve} on the
 * directory (found through its serve.json): the same output and exit codes as direct calls.
 */
class MaintenanceNightThroughServerTest extends MaintenanceNightTest {
    static Serving serving;

    @BeforeAll
    static void serve() {
        serving = Serving.start(QuiesceOptions.at(home.resolve("data")), ServeSettings.loopback(0),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        serving.close();
    }

    /**
     * As the direct night, but the administrators group is the server's: a caller cannot pick another
     * with --admin-group (refused, nothing sent) and $QUIESCE_ADMIN_GROUP does not apply.
     */
    @Test
    @Order(6)
    @Override
    void refusalsAndAuthorization() {
        Cli nobody = refusedForSessionsAndToOthers();

        Cli.Result otherGroup = nobody.run("pause", "fe01", "--groups", "Ops", "--admin-group", "Ops");
        assertThat(otherGroup.exit()).as(otherGroup.toString()).isEqualTo(2);
        assertThat(otherGroup.err()).contains("decides with the catalog, administrators group and journal it was started with");
        assertRefused(nobody.with("QUIESCE_ADMIN_GROUP", "Ops").run("pause", "fe01", "--groups", "Ops"), 4,
                "NOT_AUTHORIZED");
    }
}
