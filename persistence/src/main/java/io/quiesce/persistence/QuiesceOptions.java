package io.quiesce.persistence;

import io.quiesce.auth.Authorization;
import io.quiesce.catalog.Catalog;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a data directory. Start from {@link #at(Path)} and change what differs.
 *
 * @param dataDirectory   where the journal and snapshots live (created owner-only)
 * @param adminGroup      the group whose members may change anything (rule 16)
 * @param clock           the time stamped on every event and used for pause deadlines
 * @param catalog         the role catalog
 * @param fsync           sync every journal write to disk (durable; slower)
 * @param snapshotEvery   take a snapshot every N journal entries of an entity (one per decision; 0: never)
 * @param maxPending      commands allowed to wait for the journal before new ones are refused
 * @param commandTimeout  how long a caller waits for an answer before getting an error
 * @param recoveryTimeout how long opening may take to read the journal back
 * @param journal         where the journal and snapshots live instead of the data directory's LevelDB;
 *                        null: in the data directory (the default for one machine)
 */
public record QuiesceOptions(Path dataDirectory, String adminGroup, Clock clock, Catalog catalog, boolean fsync,
                             int snapshotEvery, int maxPending, Duration commandTimeout,
                             Duration recoveryTimeout, JournalDatabase journal) {
    public QuiesceOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(adminGroup, "adminGroup");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(catalog, "catalog");
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1");
        }
    }

    public static QuiesceOptions at(Path dataDirectory) {
        return new QuiesceOptions(dataDirectory, Authorization.DEFAULT_ADMIN_GROUP, Clock.systemUTC(),
                Catalog.defaults(), true, 1000, 10_000, Duration.ofSeconds(30), Duration.ofSeconds(120), null);
    }

    public QuiesceOptions withAdminGroup(String group) {
        return new QuiesceOptions(dataDirectory, group, clock, catalog, fsync, snapshotEvery, maxPending,
                commandTimeout, recoveryTimeout, journal);
    }

    public QuiesceOptions withClock(Clock c) {
        return new QuiesceOptions(dataDirectory, adminGroup, c, catalog, fsync, snapshotEvery, maxPending,
                commandTimeout, recoveryTimeout, journal);
    }

    public QuiesceOptions withCatalog(Catalog c) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, c, fsync, snapshotEvery, maxPending,
                commandTimeout, recoveryTimeout, journal);
    }

    public QuiesceOptions withFsync(boolean on) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, catalog, on, snapshotEvery, maxPending,
                commandTimeout, recoveryTimeout, journal);
    }

    public QuiesceOptions withSnapshotEvery(int events) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, catalog, fsync, events, maxPending,
                commandTimeout, recoveryTimeout, journal);
    }

    public QuiesceOptions withMaxPending(int commands) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, catalog, fsync, snapshotEvery, commands,
                commandTimeout, recoveryTimeout, journal);
    }

    public QuiesceOptions withCommandTimeout(Duration timeout) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, catalog, fsync, snapshotEvery, maxPending,
                timeout, recoveryTimeout, journal);
    }

    /** Keeps the journal and snapshots in a PostgreSQL database (null: in the data directory). */
    public QuiesceOptions withJournal(JournalDatabase database) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, catalog, fsync, snapshotEvery, maxPending,
                commandTimeout, recoveryTimeout, database);
    }
}
