-- Quiesce journal on PostgreSQL, schema version 1. Applied once, when the database has no version 1
-- yet; every statement is also safe to run again. Statements end with a semicolon at the end of a line.

-- One row: the number of the last commit. Taking its row lock first in every commit makes commits from
-- every process take their numbers in the order they commit: one commit order for the history.
CREATE TABLE IF NOT EXISTS quiesce_commit (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    last_commit bigint  NOT NULL
);
INSERT INTO quiesce_commit (only_row, last_commit) VALUES (true, 0) ON CONFLICT (only_row) DO NOTHING;

-- An entity's entries in sequence order (for replay), each at its place in the commit order (for the history).
-- The primary key refuses a second writer of the same entry: the whole commit fails rather than overwrite.
CREATE TABLE IF NOT EXISTS quiesce_entry (
    persistence_id text    NOT NULL,
    sequence_nr    bigint  NOT NULL,
    commit_nr      bigint  NOT NULL,
    commit_index   integer NOT NULL,
    entry          bytea   NOT NULL,
    PRIMARY KEY (persistence_id, sequence_nr)
);
CREATE UNIQUE INDEX IF NOT EXISTS quiesce_entry_commit_order ON quiesce_entry (commit_nr, commit_index);

-- An entity's highest sequence number, kept when its entries are deleted.
CREATE TABLE IF NOT EXISTS quiesce_highest (
    persistence_id text   PRIMARY KEY,
    sequence_nr    bigint NOT NULL
);

-- Snapshots of entities, as Pekko's snapshot store keeps them: the newest fitting one is loaded.
CREATE TABLE IF NOT EXISTS quiesce_snapshot (
    persistence_id text   NOT NULL,
    sequence_nr    bigint NOT NULL,
    created_at     bigint NOT NULL,
    snapshot       bytea  NOT NULL,
    PRIMARY KEY (persistence_id, sequence_nr)
);
