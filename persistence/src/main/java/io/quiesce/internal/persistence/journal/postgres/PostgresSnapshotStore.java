package io.quiesce.internal.persistence.journal.postgres;

import com.typesafe.config.Config;
import io.quiesce.internal.persistence.journal.OpenStores;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.serialization.Snapshot;
import org.apache.pekko.persistence.snapshot.japi.SnapshotStore;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Pekko's snapshot store on the journal's PostgreSQL database ({@code quiesce_snapshot}), so that a
 * node taking over a pool finds its snapshots where it finds its events. Configured with
 * {@code store}, the name {@link OpenStores} knows the {@link PostgresJournal} by. The blocking
 * JDBC calls run on threads of its own, which stopping waits for: the journal's connection pool
 * closes after the actor system, and must not close under a snapshot being written.
 *
 * <p>A journal that holds one pool writes and deletes snapshots only while the pool is still its
 * own, checked in the same transaction as the write: a process whose pool was taken over can
 * neither overwrite nor delete the snapshots of the one holding it now (the write fails, which
 * Pekko only logs; the entity goes on from its events).
 */
public class PostgresSnapshotStore extends SnapshotStore {
    private final PostgresJournal journal;
    private final DataSource database;
    private final Serialization serialization;
    private final ExecutorService blocking = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "quiesce-snapshots");
        t.setDaemon(true);
        return t;
    });

    public PostgresSnapshotStore(Config config) {
        this.journal = (PostgresJournal) OpenStores.get(config.getString("store"));
        this.database = journal.dataSource();
        this.serialization = SerializationExtension.get(context().system());
    }

    @Override
    public Future<Optional<SelectedSnapshot>> doLoadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        return run(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT sequence_nr, created_at, snapshot FROM quiesce_snapshot"
                    + " WHERE persistence_id = ? AND sequence_nr BETWEEN ? AND ? AND created_at BETWEEN ? AND ?"
                    + " ORDER BY sequence_nr DESC LIMIT 1")) {
                bind(st, persistenceId, criteria);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Object data = serialization.deserialize(rs.getBytes(3), Snapshot.class).get().data();
                    return Optional.of(SelectedSnapshot.create(
                            SnapshotMetadata.apply(persistenceId, rs.getLong(1), rs.getLong(2)), data));
                }
            }
        });
    }

    @Override
    public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
        return run(c -> {
            byte[] bytes = serialization.serialize(new Snapshot(snapshot)).get();
            journal.checkStillHeld(c);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO quiesce_snapshot"
                    + " (persistence_id, sequence_nr, created_at, snapshot) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (persistence_id, sequence_nr) DO UPDATE"
                    + " SET created_at = excluded.created_at, snapshot = excluded.snapshot")) {
                st.setString(1, metadata.persistenceId());
                st.setLong(2, metadata.sequenceNr());
                st.setLong(3, metadata.timestamp());
                st.setBytes(4, bytes);
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
        return run(c -> {
            journal.checkStillHeld(c);
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM quiesce_snapshot WHERE persistence_id = ? AND sequence_nr = ?")) {
                st.setString(1, metadata.persistenceId());
                st.setLong(2, metadata.sequenceNr());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        return run(c -> {
            journal.checkStillHeld(c);
            try (PreparedStatement st = c.prepareStatement("DELETE FROM quiesce_snapshot WHERE persistence_id = ?"
                    + " AND sequence_nr BETWEEN ? AND ? AND created_at BETWEEN ? AND ?")) {
                bind(st, persistenceId, criteria);
                st.executeUpdate();
            }
            return null;
        });
    }

    private static void bind(PreparedStatement st, String persistenceId, SnapshotSelectionCriteria criteria)
            throws SQLException {
        st.setString(1, persistenceId);
        st.setLong(2, criteria.minSequenceNr());
        st.setLong(3, criteria.maxSequenceNr());
        st.setLong(4, criteria.minTimestamp());
        st.setLong(5, criteria.maxTimestamp());
    }

    private <T> Future<T> run(Transactions.Work<T> work) {
        return FutureConverters.asScala(CompletableFuture.supplyAsync(() -> {
            try {
                return Transactions.run(database, "cannot use the snapshots in the journal database", work);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, blocking));
    }

    @Override
    public void postStop() throws Exception {
        blocking.shutdown();
        // Bounded: a database that stopped answering must not hold the process open.
        blocking.awaitTermination(10, TimeUnit.SECONDS);
        super.postStop();
    }
}
