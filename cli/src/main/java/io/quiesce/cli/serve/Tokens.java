package io.quiesce.cli.serve;

import io.quiesce.JournalDatabase;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens made by {@code token add}: in the data directory's tokens.json, or, when the
 * journal is a PostgreSQL database, in that database, so that every node of a cluster (and every
 * process using the database) accepts the same tokens.
 */
public interface Tokens extends AutoCloseable {
    /** Where the tokens of a data directory and its journal live. */
    static Tokens of(Path directory, JournalDatabase journal) {
        return journal == null ? new BearerTokens(directory) : DatabaseTokens.open(journal);
    }

    /**
     * Makes a token for {@code name}; returns the token, which is stored nowhere.
     *
     * @throws IllegalArgumentException when a token of that name exists
     */
    String add(String name, Set<String> groups);

    /** Removes the token named {@code name}; false when there was none. */
    boolean revoke(String name);

    List<BearerTokens.Entry> entries();

    /** The entry whose token this is. */
    Optional<BearerTokens.Entry> find(String token);

    @Override
    void close();
}
