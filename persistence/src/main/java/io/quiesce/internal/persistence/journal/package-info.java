/**
 * The journal of a data directory: Pekko's journal plugin on an embedded LevelDB (through JNI),
 * written for what Quiesce needs rather than for any actor.
 *
 * <p>The contract a backend keeps (this one on LevelDB; a PostgreSQL one through JDBC would keep the
 * same, one transaction per commit and a sequence for the commit order):
 * <ul>
 *   <li><b>A decision is one transaction.</b> The entries one decision writes to several entities
 *       arrive as several writes (one per entity, each an {@code AtomicWrite}); each names, through
 *       {@link io.quiesce.internal.persistence.journal.TransactionPart}, the transaction it belongs to and how
 *       many parts that has. They are committed together once all have arrived, or all fail if one
 *       does not arrive in time. A write that names no transaction is one on its own.</li>
 *   <li><b>One commit order.</b> Every transaction gets the next number of one sequence for the
 *       whole directory; reading the history is reading that sequence, with no merge.</li>
 *   <li><b>Group commit.</b> Transactions that become whole while another commit is being synced to
 *       disk go together into the next commit: one {@code WriteBatch}, one sync. Syncing stays on by
 *       default; the speed comes from sharing it.</li>
 *   <li>Per entity, what any Pekko journal gives: replay of a range of sequence numbers, the highest
 *       sequence number (kept after a delete), delete up to a number, and a write whose entry cannot be
 *       serialized is rejected alone, without failing the others.</li>
 * </ul>
 */
package io.quiesce.internal.persistence.journal;
