package io.quiesce.cli.serve;

import io.quiesce.JournalDatabase;
import io.quiesce.QuiesceException;
import io.quiesce.internal.persistence.journal.postgres.SharedTokens;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens kept in the journal database ({@code quiesce_token}). A lookup is kept for a second, so
 * that requests (and a flood of wrong tokens) do not each cost a query on the HTTP threads; a token
 * revoked on another process is refused within that second.
 */
final class DatabaseTokens implements Tokens {
    private static final long KEPT_NANOS = java.time.Duration.ofSeconds(1).toNanos();
    /** Lookups kept at most: past this, all are forgotten at once (a flood of wrong tokens, say). */
    private static final int KEPT = 10_000;

    private record Lookup(Optional<BearerTokens.Entry> entry, long at) {
    }

    private final SharedTokens tokens;
    private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();

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
        boolean removed = call(() -> tokens.remove(name));
        lookups.clear();
        return removed;
    }

    @Override
    public List<BearerTokens.Entry> entries() {
        return call(() -> tokens.list().stream().map(DatabaseTokens::entry).toList());
    }

    @Override
    public Optional<BearerTokens.Entry> find(String token) {
        // The database compares hashes of fixed length; the token itself never leaves this process.
        String hash = BearerTokens.sha256(token);
        long now = System.nanoTime();
        Lookup kept = lookups.get(hash);
        if (kept != null && now - kept.at() < KEPT_NANOS) {
            return kept.entry();
        }
        Optional<BearerTokens.Entry> found = call(() -> tokens.findBySha256(hash).map(DatabaseTokens::entry));
        if (lookups.size() >= KEPT) {
            lookups.clear();
        }
        lookups.put(hash, new Lookup(found, now));
        return found;
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
