package io.quiesce.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

/**
 * The actor system's configuration for one data directory. The journal and snapshot paths are
 * always absolute, under the data directory, never relative to the working directory.
 */
final class PekkoConfig {
    /** Entities see at most a few commands at once (the gatekeeper sends one write at a time). */
    static final int ENTITY_STASH_CAPACITY = 10_000;

    private PekkoConfig() {
    }

    static Config forDirectory(DataDirectory dir, QuiesceOptions options) {
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
                    serializers.quiesce = "io.quiesce.persistence.serialization.QuiesceSerializer"
                    serialization-bindings {
                      "io.quiesce.event.Event" = quiesce
                      "io.quiesce.persistence.entity.Journaled" = quiesce
                      "io.quiesce.rollout.RolloutEvent" = quiesce
                    }
                  }
                  persistence {
                    journal.plugin = "pekko.persistence.journal.leveldb"
                    journal.leveldb.native = on
                    # Opening verifies the whole journal (JournalCheck); this keeps later reads honest too,
                    # at no measurable cost.
                    journal.leveldb.checksum = on
                    snapshot-store.plugin = "pekko.persistence.snapshot-store.local"
                    # Events are never deleted, so an unreadable snapshot is replayed from events
                    # instead of failing the entity's recovery.
                    snapshot-store.local.snapshot-is-optional = true
                    # The history reads each entity's events in one replay. With a bounded buffer,
                    # Pekko's current-events query can stall for good when one event is left after a
                    # full buffer (an entity of 101 events, with the default of 100).
                    query.journal.leveldb.max-buffer-size = 2147483647
                    typed {
                      # Overflow must never drop a command silently: fail loudly instead.
                      stash-overflow-strategy = "fail"
                    }
                  }
                }
                """);
        return ours
                .withValue("pekko.persistence.journal.leveldb.dir",
                        ConfigValueFactory.fromAnyRef(dir.journal().toString()))
                .withValue("pekko.persistence.journal.leveldb.fsync", ConfigValueFactory.fromAnyRef(options.fsync()))
                .withValue("pekko.persistence.snapshot-store.local.dir",
                        ConfigValueFactory.fromAnyRef(dir.snapshots().toString()))
                .withValue("pekko.persistence.typed.stash-capacity",
                        ConfigValueFactory.fromAnyRef(ENTITY_STASH_CAPACITY))
                .withFallback(ConfigFactory.defaultReference(PekkoConfig.class.getClassLoader()));
    }
}
