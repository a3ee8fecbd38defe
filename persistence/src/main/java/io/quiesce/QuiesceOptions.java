package io.quiesce;

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
 * @param pool            the one pool held, of a journal database shared with other processes that
 *                        hold other pools; null: every pool (see {@link #withPool(String)})
 */
public record QuiesceOptions(Path dataDirectory, String adminGroup, Clock clock, Catalog catalog, boolean fsync,
                             int snapshotEvery, int maxPending, Duration commandTimeout,
                             Duration recoveryTimeout, JournalDatabase journal, String pool) {
    /** Refuses missing values, a {@code maxPending} below 1 and a blank pool. */
    public QuiesceOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(adminGroup, "adminGroup");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(catalog, "catalog");
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1");
        }
        if (pool != null && pool.isBlank()) {
            throw new IllegalArgumentException("the pool to hold must have a name");
        }
    }

    /**
     * The defaults for a data directory: the Administrators group, the system clock in UTC, the
     * built-in catalog, fsync on, a snapshot every 1000 entries, 10,000 waiting commands, answers
     * within 30 s, opening within 120 s.
     */
    public static QuiesceOptions at(Path dataDirectory) {
        return new QuiesceOptions(dataDirectory, Authorization.DEFAULT_ADMIN_GROUP, Clock.systemUTC(),
                Catalog.defaults(), true, 1000, 10_000, Duration.ofSeconds(30), Duration.ofSeconds(120), null, null);
    }

    /** The same options with another administrators group. */
    public QuiesceOptions withAdminGroup(String group) {
        return new QuiesceOptions(dataDirectory, group, clock, catalog, fsync, snapshotEvery, maxPending,
                commandTimeout, recoveryTimeout, journal, pool);
    }

    /** The same options with another clock ({@link ManualClock} for tests and rehearsals). */
    public QuiesceOptions withClock(Clock c) {
        return new QuiesceOptions(dataDirectory, adminGroup, c, catalog, fsync, snapshotEvery, maxPending,
                commandTimeout, recoveryTimeout, journal, pool);
    }

    /** The same options with another role catalog. */
    public QuiesceOptions withCatalog(Catalog c) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, c, fsync, snapshotEvery, maxPending,
                commandTimeout, recoveryTimeout, journal, pool);
    }

    /** The same options, syncing every journal write to disk or not. */
    public QuiesceOptions withFsync(boolean on) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, catalog, on, snapshotEvery, maxPending,
                commandTimeout, recoveryTimeout, journal, pool);
    }

    /** The same options with another snapshot interval (0: never). */
    public QuiesceOptions withSnapshotEvery(int events) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, catalog, fsync, events, maxPending,
                commandTimeout, recoveryTimeout, journal, pool);
    }

    /** The same options with another bound on commands waiting for the journal. */
    public QuiesceOptions withMaxPending(int commands) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, catalog, fsync, snapshotEvery, commands,
                commandTimeout, recoveryTimeout, journal, pool);
    }

    /** The same options with another wait for an answer. */
    public QuiesceOptions withCommandTimeout(Duration timeout) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, catalog, fsync, snapshotEvery, maxPending,
                timeout, recoveryTimeout, journal, pool);
    }

    /** Keeps the journal and snapshots in a PostgreSQL database (null: in the data directory). */
    public QuiesceOptions withJournal(JournalDatabase database) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, catalog, fsync, snapshotEvery, maxPending,
                commandTimeout, recoveryTimeout, database, pool);
    }

    /**
     * The same options, holding one pool of a journal database shared with other processes, each
     * holding other pools: the pool's creation, servers and services are recorded apart from the other
     * pools', a command naming another pool is refused, and {@code status()} shows this pool alone
     * ({@code history()} still reads the whole database). Opening takes the pool over from whichever
     * process held it before, which then records nothing more of it. Only with
     * {@link #withJournal(JournalDatabase)}: opening fails otherwise. Null: every pool, as one process
     * alone.
     */
    public QuiesceOptions withPool(String name) {
        return new QuiesceOptions(dataDirectory, adminGroup, clock, catalog, fsync, snapshotEvery, maxPending,
                commandTimeout, recoveryTimeout, journal, name);
    }
}
