package io.quiesce;

import java.util.Objects;

/**
 * A PostgreSQL database that holds the journal and snapshots instead of the data directory's
 * embedded LevelDB, so that several processes can share one history (cluster mode). The tables are
 * created on first use.
 *
 * @param url      a JDBC address, {@code jdbc:postgresql://HOST:PORT/DB}
 * @param user     the database user
 * @param password the user's password (may be empty where the server trusts the connection)
 */
public record JournalDatabase(String url, String user, String password) {
    public JournalDatabase {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("the journal database must be a jdbc:postgresql://HOST:PORT/DB address,"
                    + " not " + url);
        }
    }

    /** Leaves the password out, so that it never reaches a log or a message. */
    @Override
    public String toString() {
        return "JournalDatabase[" + url + " as " + user + "]";
    }
}
