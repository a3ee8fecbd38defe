package io.quiesce.internal.persistence.journal.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/** A pool of connections to a journal database, its tables created or updated when it lacks them. */
final class ConnectionPools {
    private ConnectionPools() {
    }

    /**
     * Connects once at start: a database that cannot be reached fails at once, saying so.
     *
     * @param name    names the pool's threads
     * @param size    connections at most
     * @param tuning  settings of the caller's own, applied last
     * @param tables  what the tables are for, in the error when they cannot be prepared
     */
    static HikariDataSource open(String url, String user, String password, String name, int size,
                                 Consumer<HikariConfig> tuning, String tables) throws IOException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setAutoCommit(false);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName(name);
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        tuning.accept(config);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IOException("cannot connect to the journal database " + url + ": "
                    + PostgresJournal.rootMessage(e) + ". Check the address, user and password, and that the"
                    + " database server is running", e);
        }
        try (Connection c = pool.getConnection()) {
            PostgresSchema.apply(c);
        } catch (SQLException | IOException e) {
            pool.close();
            throw new IOException("cannot prepare the " + tables + " in " + url + ": "
                    + PostgresJournal.rootMessage(e), e);
        }
        return pool;
    }
}
