package io.quiesce.cli.serve;

import io.quiesce.JournalDatabase;
import io.quiesce.QuiesceException;
import io.quiesce.persistence.journal.postgres.SharedTokens;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The tokens kept in the journal database ({@code quiesce_token}): looked up there on each request. */
final class DatabaseTokens implements Tokens {
    private final SharedTokens tokens;

    private DatabaseTokens(SharedTokens tokens) {
        this.tokens = tokens;
    }

    static DatabaseTokens open(JournalDatabase journal) {
        try {
            return new DatabaseTokens(SharedTokens.open(journal));
        } catch (IOException e) {
            throw new QuiesceException("cannot read the tokens of the journal database: " + e.getMessage(), e);
        }
    }

    @Override
    public String add(String name, Set<String> groups) {
        String token = BearerTokens.newToken();
        boolean added = call(() -> tokens.add(new SharedTokens.Token(name, Set.copyOf(groups),
                BearerTokens.sha256(token), Instant.now())));
        if (!added) {
            throw new IllegalArgumentException("a token named " + name + " exists: revoke it first to make a new one.");
        }
        return token;
    }

    @Override
    public boolean revoke(String name) {
        return call(() -> tokens.remove(name));
    }

    @Override
    public List<BearerTokens.Entry> entries() {
        return call(() -> tokens.list().stream().map(DatabaseTokens::entry).toList());
    }

    @Override
    public Optional<BearerTokens.Entry> find(String token) {
        // The database compares hashes of fixed length; the token itself never leaves this process.
        return call(() -> tokens.findBySha256(BearerTokens.sha256(token)).map(DatabaseTokens::entry));
    }

    private static BearerTokens.Entry entry(SharedTokens.Token t) {
        return new BearerTokens.Entry(t.name(), t.groups(), t.sha256(), t.created());
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    private static <T> T call(Read<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw new QuiesceException("the tokens of the journal database cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        tokens.close();
    }
}
