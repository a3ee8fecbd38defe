package io.quiesce.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --journal}: which journal database an invocation uses, and what it says when it cannot. */
class JournalOptionTest {
    @TempDir
    Path home;

    @Test
    void givenAnAddressThatIsNotPostgres_whenRun_thenItIsBadInputNamingTheForm() {
        Cli.Result r = Cli.administrator(home.resolve("data")).with("QUIESCE_DB_USER", "quiesce")
                .run("status", "--journal", "jdbc:mysql://127.0.0.1/quiesce");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("jdbc:postgresql://HOST:PORT/DB");
    }

    @Test
    void givenNoDatabaseUser_whenTheJournalIsInPostgres_thenItIsBadInputNamingTheVariable() {
        Cli.Result r = Cli.administrator(home.resolve("data"))
                .with("QUIESCE_JOURNAL", "jdbc:postgresql://127.0.0.1:5432/quiesce").run("status");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("$QUIESCE_DB_USER");
    }

    @Test
    void givenADatabaseServerThatIsNotRunning_whenRun_thenTheDataIsUnusableAndTheMessageSaysWhatToCheck()
            throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        Cli.Result r = Cli.administrator(home.resolve("data")).with("QUIESCE_DB_USER", "quiesce")
                .with("QUIESCE_DB_PASSWORD", "secret-word")
                .run("status", "--journal", "jdbc:postgresql://127.0.0.1:" + closedPort + "/quiesce");

        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).contains("cannot connect to the journal database").contains("database server is running")
                .doesNotContain("secret-word");
    }
}
