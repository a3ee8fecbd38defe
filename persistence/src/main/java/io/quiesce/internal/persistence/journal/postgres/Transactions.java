package io.quiesce.internal.persistence.journal.postgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** Work in a transaction of its own on a connection of the pool: committed when it returns, rolled back when it throws. */
final class Transactions {
    interface Work<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    private Transactions() {
    }

    /**
     * @param failing what the error says could not be done, such as "cannot write to the journal database"
     * @throws IOException what {@code work} threw, or the database's failure, after {@code failing}
     */
    static <T> T run(DataSource pool, String failing, Work<T> work) throws IOException {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException(failing + ": " + PostgresJournal.rootMessage(e), e);
        }
    }
}
