/**
 * The embedding API. Open a data directory with {@link io.quiesce.Quiesce#open}, act on behalf of
 * a principal through an {@link io.quiesce.Operator}, address a whole server or one of its
 * services with a {@link io.quiesce.Target}, and hear what is recorded with a
 * {@link io.quiesce.QuiesceListener}:
 *
 * <pre>{@code
 * try (Quiesce q = Quiesce.open(QuiesceOptions.at(Path.of("quiesce-data")))) {
 *     Operator alice = q.as(Principal.of("alice", "Administrators")).because("KB5031 patch");
 *     alice.setStartup(Target.server("fe01"), StartupType.MANUAL);
 *     Decision d = alice.pause(Target.server("fe01"), PauseOptions.withDeadline(Duration.ofMinutes(30)));
 * }
 * }</pre>
 *
 * Every command is stamped with the library's clock. Everything outside this package and the
 * core's model ({@code io.quiesce.rules}, {@code io.quiesce.command}, ...) is internal.
 */
package io.quiesce;
