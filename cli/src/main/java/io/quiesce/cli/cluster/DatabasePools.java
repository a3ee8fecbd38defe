package io.quiesce.cli.cluster;

import io.quiesce.JournalDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/** Placeholder until the pool directory lands (branch scope): the pools the journal database holds. */
public final class DatabasePools {
    private DatabasePools() {
    }

    public static Set<String> of(JournalDatabase db) {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT persistence_id FROM quiesce_entry"
                     + " WHERE persistence_id LIKE 'pool|%'")) {
            Set<String> pools = new TreeSet<>();
            while (rs.next()) {
                pools.add(rs.getString(1).substring("pool|".length()));
            }
            return pools;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
