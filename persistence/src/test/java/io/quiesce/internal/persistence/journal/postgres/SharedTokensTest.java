package io.quiesce.internal.persistence.journal.postgres;

import io.quiesce.JournalDatabase;
import io.quiesce.internal.persistence.journal.postgres.SharedTokens.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Bearer tokens in the journal database: what one process adds or revokes, every other sees. */
@ExtendWith(PrivatePostgres.class)
class SharedTokensTest {
    static final Instant CREATED = Instant.parse("2026-12-04T22:00:00Z");

    @Test
    void givenATokenAddedByOneProcess_whenAnotherLooksItUpByItsHash_thenItFindsItsPrincipalUntilItIsRevoked(
            PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase db = databases.create();
        Token ops = new Token("ops-bot", Set.of("Administrators", "Operators"), "a1b2", CREATED);
        try (SharedTokens node1 = SharedTokens.open(db); SharedTokens node2 = SharedTokens.open(db)) {
            assertThat(node1.add(ops)).isTrue();

            assertThat(node2.findBySha256("a1b2")).contains(ops);
            assertThat(node2.findBySha256("ffff")).isEmpty();
            assertThat(node2.list()).containsExactly(ops);

            assertThat(node2.remove("ops-bot")).isTrue();
            assertThat(node1.findBySha256("a1b2")).isEmpty();
            assertThat(node1.remove("ops-bot")).as("already revoked").isFalse();
        }
    }

    @Test
    void givenATokenOfThatName_whenAnotherIsAdded_thenItIsRefusedAndTheFirstKept(PrivatePostgres.Databases databases)
            throws Exception {
        JournalDatabase db = databases.create();
        Token first = new Token("ops-bot", Set.of(), "a1b2", CREATED);
        try (SharedTokens tokens = SharedTokens.open(db)) {
            assertThat(tokens.add(first)).isTrue();

            assertThat(tokens.add(new Token("ops-bot", Set.of("Administrators"), "c3d4",
                    CREATED.plus(1, ChronoUnit.DAYS)))).isFalse();

            assertThat(tokens.list()).containsExactly(first);
        }
    }
}
