package io.quiesce.cli;

import io.quiesce.JournalDatabase;
import io.quiesce.cli.serve.Tokens;
import io.quiesce.internal.persistence.journal.postgres.PrivatePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** With the journal in PostgreSQL, {@code token add|list|revoke} keep the tokens there, for every process to accept. */
@ExtendWith(PrivatePostgres.class)
class TokensInDatabaseTest {
    @TempDir
    Path home;

    @Test
    void givenATokenMadeThroughOneDataDirectory_whenAnotherProcessOfTheDatabaseChecksIt_thenItStandsForItsPrincipal(
            PrivatePostgres.Databases databases) {
        JournalDatabase db = databases.create();

        Cli.Result made = cli(home.resolve("node1"), db).run("token", "add", "bob", "--groups", "Administrators");

        assertThat(made.exit()).isZero();
        String token = made.out().strip();
        try (Tokens other = Tokens.of(home.resolve("node2"), db)) {
            assertThat(other.find(token)).hasValueSatisfying(e -> {
                assertThat(e.name()).isEqualTo("bob");
                assertThat(e.groups()).containsExactly("Administrators");
            });
        }
        assertThat(Files.exists(home.resolve("node1").resolve("tokens.json"))).isFalse();
        assertThat(cli(home.resolve("node2"), db).run("token", "list").out()).contains("bob");
    }

    @Test
    void givenARevokedToken_whenChecked_thenNoProcessAcceptsIt(PrivatePostgres.Databases databases) {
        JournalDatabase db = databases.create();
        String token = cli(home.resolve("node1"), db).run("token", "add", "bob", "--groups", "Administrators")
                .out().strip();

        Cli.Result revoked = cli(home.resolve("node2"), db).run("token", "revoke", "bob");

        assertThat(revoked.exit()).isZero();
        try (Tokens any = Tokens.of(home.resolve("node1"), db)) {
            assertThat(any.find(token)).isEmpty();
        }
    }

    @Test
    void givenAServerThatCheckedAToken_whenAnotherProcessRevokesIt_thenTheServerRefusesItWithinASecond(
            PrivatePostgres.Databases databases) throws InterruptedException {
        JournalDatabase db = databases.create();
        String token = cli(home.resolve("node1"), db).run("token", "add", "bob", "--groups", "Administrators")
                .out().strip();
        try (Tokens server = Tokens.of(home.resolve("node1"), db)) {
            assertThat(server.find(token)).isPresent();

            assertThat(cli(home.resolve("node2"), db).run("token", "revoke", "bob").exit()).isZero();

            long until = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
            while (server.find(token).isPresent() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(server.find(token)).isEmpty();
        }
    }

    @Test
    void givenATokenOfThatName_whenAddedAgain_thenItIsRefused(PrivatePostgres.Databases databases) {
        JournalDatabase db = databases.create();
        cli(home.resolve("node1"), db).run("token", "add", "bob", "--groups", "Administrators");

        Cli.Result again = cli(home.resolve("node2"), db).run("token", "add", "bob", "--groups", "Readers");

        assertThat(again.exit()).isEqualTo(3);
        assertThat(again.err()).contains("TOKEN_EXISTS");
    }

    private static Cli cli(Path data, JournalDatabase db) {
        return Cli.administrator(data).with("QUIESCE_JOURNAL", db.url()).with("QUIESCE_DB_USER", db.user())
                .with("QUIESCE_DB_PASSWORD", db.password());
    }
}
