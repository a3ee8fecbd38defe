package io.quiesce.internal.persistence;

import io.quiesce.JournalDatabase;
import io.quiesce.QuiesceException;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.journal.EntryFormat;
import io.quiesce.internal.persistence.journal.postgres.PostgresJournal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The pools created in a journal database, read without opening any of them, so that every process
 * of a cluster knows every pool it may be asked to hold. Reads both kinds of registry: the pools
 * created by processes holding one pool each ({@code registry|POOL}) and those created by a process
 * that held every pool ({@code registry}).
 */
public final class PoolDirectory {
    private PoolDirectory() {
    }

    /**
     * The names of the pools created in {@code database}, sorted; none when Quiesce has never used it.
     *
     * @throws QuiesceException when the database cannot be read
     */
    public static List<String> pools(JournalDatabase database) {
        Properties login = new Properties();
        login.setProperty("user", database.user());
        login.setProperty("password", database.password());
        // A database that does not answer must not hold the caller for ever: it lists again later.
        login.setProperty("connectTimeout", "10");
        login.setProperty("socketTimeout", "30");
        try (Connection c = DriverManager.getConnection(database.url(), login)) {
            c.setReadOnly(true);
            if (!hasJournal(c)) {
                return List.of();
            }
            SortedSet<String> pools = new TreeSet<>(PostgresJournal.poolsHeldApart(c));
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT entry FROM quiesce_entry WHERE persistence_id = 'registry' ORDER BY sequence_nr");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    JournalEntries.historyEvents(EntryFormat.payload(rs.getBytes(1))).stream()
                            .filter(Event.PoolCreated.class::isInstance)
                            .forEach(e -> pools.add(((Event.PoolCreated) e).pool()));
                }
            }
            return List.copyOf(pools);
        } catch (SQLException | IOException e) {
            throw new QuiesceException("cannot list the pools of the journal database " + database.url() + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean hasJournal(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('quiesce_highest') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
