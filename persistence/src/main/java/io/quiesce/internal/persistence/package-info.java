/**
 * Internal: the actor system behind {@link io.quiesce.Quiesce}. A gatekeeper decides every
 * command with the core rules and has the entities record the events in the embedded LevelDB
 * journal of the data directory before answering; the directory is locked and checked before
 * opening. Not an API: embed {@link io.quiesce.Quiesce}.
 */
package io.quiesce.internal.persistence;
