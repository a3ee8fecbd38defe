package io.quiesce.internal.persistence.journal.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.quiesce.JournalDatabase;

import java.io.IOException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bearer tokens of the HTTP API kept in the journal database ({@code quiesce_token}), so that a
 * token made on one process is accepted by every process sharing the database, and a revoked one by
 * none. Like the tokens of a data directory, only a SHA-256 of each token is kept: making and hashing
 * tokens is the caller's, this store keeps what it is given.
 */
public final class SharedTokens implements AutoCloseable {
    /** One token as stored: the principal it stands for (name and groups), the hash that recognises it. */
    public record Token(String name, Set<String> groups, String sha256, Instant created) {
        public Token {
            Objects.requireNonNull(name, "name");
            groups = Set.copyOf(groups);
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(created, "created");
        }
    }

    private final HikariDataSource pool;

    private SharedTokens(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Connects (creating or updating the journal's tables when the database lacks them). */
    public static SharedTokens open(JournalDatabase database) throws IOException {
        // Tokens are looked up once a request, and changed rarely.
        return new SharedTokens(ConnectionPools.open(database.url(), database.user(), database.password(),
                "quiesce-tokens", 2, config -> { }, "tables"));
    }

    /** Keeps {@code token}; false (nothing changed) when a token of that name exists. */
    public boolean add(Token token) throws IOException {
        return inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO quiesce_token (name, groups, sha256, created)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                st.setString(1, token.name());
                st.setArray(2, c.createArrayOf("text", new TreeSet<>(token.groups()).toArray()));
                st.setString(3, token.sha256());
                st.setTimestamp(4, Timestamp.from(token.created()));
                return st.executeUpdate() == 1;
            }
        });
    }

    /** Removes the token named {@code name}; false when there was none. */
    public boolean remove(String name) throws IOException {
        return inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM quiesce_token WHERE name = ?")) {
                st.setString(1, name);
                return st.executeUpdate() == 1;
            }
        });
    }

    /** Every token, by name. */
    public List<Token> list() throws IOException {
        return inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT name, groups, sha256, created FROM quiesce_token ORDER BY name");
                 ResultSet rs = st.executeQuery()) {
                List<Token> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(token(rs));
                }
                return all;
            }
        });
    }

    /**
     * The token whose SHA-256 is {@code sha256}. Looked up by the hash itself: a caller who does not
     * hold a token cannot choose the hash of what it sends, so the lookup's timing tells it nothing.
     */
    public Optional<Token> findBySha256(String sha256) throws IOException {
        return inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT name, groups, sha256, created FROM quiesce_token WHERE sha256 = ?")) {
                st.setString(1, sha256);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(token(rs)) : Optional.empty();
                }
            }
        });
    }

    private static Token token(ResultSet rs) throws SQLException {
        Array groups = rs.getArray(2);
        Set<String> names = new TreeSet<>(Arrays.asList((String[]) groups.getArray()));
        return new Token(rs.getString(1), names, rs.getString(3), rs.getTimestamp(4).toInstant());
    }

    private <T> T inTransaction(Transactions.Work<T> work) throws IOException {
        return Transactions.run(pool, "cannot use the tokens in the journal database", work);
    }

    @Override
    public void close() {
        pool.close();
    }
}
