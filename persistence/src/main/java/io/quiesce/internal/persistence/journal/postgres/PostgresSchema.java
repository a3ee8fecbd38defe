package io.quiesce.internal.persistence.journal.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The journal's tables, from the versioned scripts shipped in the jar ({@code schema-N.sql} beside
 * this class). On start, the versions the database lacks are applied in one transaction and
 * recorded in {@code quiesce_schema}; a database already at this version is left as it is.
 */
final class PostgresSchema {
    /** The schema version this Quiesce writes. */
    static final int VERSION = 2;
    /** Serializes starts against one database: one process applies, the others then find it done. */
    private static final long LOCK = 0x5155494553434531L;

    private PostgresSchema() {
    }

    /** Brings the database to {@link #VERSION}; refuses a database of a newer version. */
    static void apply(Connection c) throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            st.execute("CREATE TABLE IF NOT EXISTS quiesce_schema (version integer PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            int current = current(st);
            if (current > VERSION) {
                throw new IOException("the journal database holds schema version " + current + ", newer than the "
                        + VERSION + " this Quiesce knows: run the newer Quiesce that wrote it");
            }
            for (int v = current + 1; v <= VERSION; v++) {
                for (String statement : statements(script(v))) {
                    st.execute(statement);
                }
                try (PreparedStatement done = c.prepareStatement("INSERT INTO quiesce_schema (version) VALUES (?)")) {
                    done.setInt(1, v);
                    done.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The version the database is at (0: none). */
    static int current(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM quiesce_schema")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String script(int version) throws IOException {
        String name = "schema-" + version + ".sql";
        try (InputStream in = PostgresSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the schema script " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script's statements: comment lines dropped, split where a line ends with a semicolon. */
    static List<String> statements(String script) {
        String code = script.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(code.split(";\\s*(\\n|$)")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
