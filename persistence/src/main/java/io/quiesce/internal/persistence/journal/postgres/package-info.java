/**
 * Internal: the journal and snapshot store in a PostgreSQL database, through JDBC. The same contract
 * as the embedded journal (a decision is one transaction, one commit order), plus what several
 * processes sharing one database need: schema versions, a takeover epoch per pool checked in every
 * commit, server names claimed across pools, and tokens every node accepts.
 */
package io.quiesce.internal.persistence.journal.postgres;
