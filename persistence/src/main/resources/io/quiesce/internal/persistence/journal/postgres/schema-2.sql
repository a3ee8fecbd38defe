-- Quiesce journal on PostgreSQL, schema version 2: pools held by several processes at once (each
-- process one pool or more), and bearer tokens that every process accepts. Applied once, on a
-- database at version 1; every statement is also safe to run again.

-- Who holds each pool. A process that opens a pool takes the next epoch; each of its commits first
-- finds its own epoch still here, in the same transaction, so a process whose pool was taken over
-- (frozen, then resumed) can write nothing more of it.
CREATE TABLE IF NOT EXISTS quiesce_owner (
    pool   text        PRIMARY KEY,
    epoch  bigint      NOT NULL,
    holder text        NOT NULL,
    since  timestamptz NOT NULL DEFAULT now()
);

-- Bearer tokens of the HTTP API, valid on every process that shares the database. Only a SHA-256 of
-- each token is kept; the token stands for the principal of its name and groups.
CREATE TABLE IF NOT EXISTS quiesce_token (
    name    text        PRIMARY KEY,
    groups  text[]      NOT NULL,
    sha256  text        NOT NULL UNIQUE,
    created timestamptz NOT NULL DEFAULT now()
);

-- The pool of each server added by a process that holds one pool: that process claims the name here
-- before the server is added, so that no two pools held by different processes take the same name
-- (each sees only its own pool's servers).
CREATE TABLE IF NOT EXISTS quiesce_server (
    server text PRIMARY KEY,
    pool   text NOT NULL
);
