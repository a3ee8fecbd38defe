package io.quiesce.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve --cluster}: what it needs, refused before anything starts when it is missing. */
class ClusterServeOptionsTest {
    @TempDir
    Path home;

    @Test
    void givenNoJournalDatabase_whenServingAsANode_thenItIsBadInputAskingForPostgres() {
        Cli.Result r = Cli.administrator(home.resolve("data"))
                .run("serve", "--cluster", "--node", "127.0.0.1:25520", "--seed-nodes", "127.0.0.1:25520");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--cluster needs the journal in PostgreSQL");
    }

    @Test
    void givenNoNodeAddress_whenServingAsANode_thenItIsBadInputNamingBothOptions() {
        Cli.Result r = Cli.administrator(home.resolve("data")).with("QUIESCE_DB_USER", "quiesce")
                .run("serve", "--cluster", "--journal", "jdbc:postgresql://127.0.0.1:5432/quiesce");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--node HOST:PORT").contains("--seed-nodes");
    }

    @Test
    void givenASeedThatIsNotHostAndPort_whenServingAsANode_thenItIsBadInputShowingTheForm() {
        Cli.Result r = Cli.administrator(home.resolve("data")).with("QUIESCE_DB_USER", "quiesce")
                .run("serve", "--cluster", "--journal", "jdbc:postgresql://127.0.0.1:5432/quiesce",
                        "--node", "127.0.0.1:25520", "--seed-nodes", "127.0.0.1:25520,node2");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--seed-nodes takes HOST:PORT");
    }

    @Test
    void givenNodeOptionsWithoutCluster_whenServing_thenItIsBadInput() {
        Cli.Result r = Cli.administrator(home.resolve("data")).run("serve", "--node", "127.0.0.1:25520");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--node and --seed-nodes go with --cluster");
    }

    @Test
    void givenANonLoopbackAddressWithoutTls_whenServingAsANode_thenItIsRefusedBeforeJoining() {
        Cli.Result r = node().run("serve", "--cluster", "--journal", "jdbc:postgresql://127.0.0.1:5432/quiesce",
                "--node", "127.0.0.1:25520", "--seed-nodes", "127.0.0.1:25520", "--listen", "0.0.0.0:7070");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("needs TLS");
    }

    @Test
    void givenAKeyStoreThatCannotBeRead_whenServingAsANode_thenItIsRefusedBeforeJoining() {
        Cli.Result r = node().with("QUIESCE_TLS_PASSWORD", "wrong")
                .run("serve", "--cluster", "--journal", "jdbc:postgresql://127.0.0.1:5432/quiesce",
                        "--node", "127.0.0.1:25520", "--seed-nodes", "127.0.0.1:25520",
                        "--tls-keystore", home.resolve("missing.p12").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("missing.p12");
    }

    @Test
    void givenAStatsSocketWhosePortIsNoNumber_whenServing_thenItIsBadInputShowingTheForm() {
        Cli.Result r = node().run("serve", "--haproxy-stats", "127.0.0.1:stats");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--haproxy-stats takes HOST:PORT");
    }

    private Cli node() {
        return Cli.administrator(home.resolve("data")).with("QUIESCE_DB_USER", "quiesce");
    }
}
