package io.quiesce.internal.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.quiesce.internal.persistence.journal.OpenStores;
import io.quiesce.QuiesceOptions;

/**
 * The actor system's configuration for one data directory. The journal and snapshot paths are
 * always absolute, under the data directory, never relative to the working directory; with a
 * journal database, both journal and snapshots are in that database.
 */
final class PekkoConfig {
    /** Entities see at most a few commands at once (the gatekeeper sends one write at a time). */
    static final int ENTITY_STASH_CAPACITY = 10_000;

    /** Where the journal plugin finds the name of its store. */
    static final String STORE_KEY = "quiesce.journal.store";

    private PekkoConfig() {
    }

    /** Opens the directory's journal and gives the configuration that uses it. */
    static Config forDirectory(DataDirectory dir, QuiesceOptions options) {
        return forJournal(dir, options, dir.openJournal(options.journal(), options.pool(), options.fsync()));
    }

    /** The configuration for a journal already open, known to {@link OpenStores} as {@code store}. */
    static Config forJournal(DataDirectory dir, QuiesceOptions options, String store) {
        Config ours = ConfigFactory.parseString("""
                pekko {
                  loglevel = WARNING
                  stdout-loglevel = OFF
                  loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
                  logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
                  log-dead-letters = off
                  log-dead-letters-during-shutdown = off
                  coordinated-shutdown.exit-jvm = off
                  coordinated-shutdown.run-by-jvm-shutdown-hook = off
                  jvm-shutdown-hooks = off
                  actor {
                    # One thread per core, at least two (Pekko's default: at least 8). Every command passes several
                    # actors; with more threads than cores each hand-over is more often a thread woken
                    # and a context switch, which costs more than the work handed over.
                    default-dispatcher.fork-join-executor.parallelism-min = 2
                    serializers.quiesce = "io.quiesce.internal.persistence.serialization.QuiesceSerializer"
                    serialization-bindings {
                      "io.quiesce.event.Event" = quiesce
                      "io.quiesce.internal.persistence.entity.Journaled" = quiesce
                      "io.quiesce.rollout.RolloutEvent" = quiesce
                    }
                  }
                  persistence {
                    journal.plugin = "quiesce.journal"
                    snapshot-store.plugin = "pekko.persistence.snapshot-store.local"
                    # Events are never deleted, so an unreadable snapshot is replayed from events
                    # instead of failing the entity's recovery.
                    snapshot-store.local.snapshot-is-optional = true
                    typed {
                      # Overflow must never drop a command silently: fail loudly instead.
                      stash-overflow-strategy = "fail"
                    }
                  }
                }
                quiesce.journal {
                  # The parts of one decision are written by its entities at once: far less than this apart.
                  part-timeout = 5s
                  # The journal actor only serializes and queues: its writer, its replays and its reads of
                  # the highest sequence numbers have threads of their own. On the actors' threads it
                  # needs no thread woken to take each write.
                  plugin-dispatcher = "pekko.actor.default-dispatcher"
                }
                """);
        // Below Pekko's reference configuration, so that a system property (quiesce.journal.class) can
        // put a test's journal in its place.
        Config plugin = ConfigFactory.parseString(
                "quiesce.journal.class = \"io.quiesce.internal.persistence.journal.DecisionJournal\"");
        if (options.journal() != null) {
            // Snapshots go beside the events, where whichever process opens the database next finds them.
            ours = ConfigFactory.parseString("""
                    pekko.persistence.snapshot-store.plugin = "quiesce.snapshot-store"
                    quiesce.snapshot-store.class = "io.quiesce.internal.persistence.journal.postgres.PostgresSnapshotStore"
                    """).withValue("quiesce.snapshot-store.store", ConfigValueFactory.fromAnyRef(store))
                    .withFallback(ours);
        }
        return ours
                .withValue(STORE_KEY, ConfigValueFactory.fromAnyRef(store))
                .withValue("pekko.persistence.snapshot-store.local.dir",
                        ConfigValueFactory.fromAnyRef(dir.snapshots().toString()))
                .withValue("pekko.persistence.typed.stash-capacity",
                        ConfigValueFactory.fromAnyRef(ENTITY_STASH_CAPACITY))
                .withFallback(ConfigFactory.defaultReference(PekkoConfig.class.getClassLoader()))
                .withFallback(plugin);
    }
}
