/**
 * Internal: one persistent actor per pool, server and service (and a registry of the pools), what
 * each records in its journal and the snapshots it recovers from.
 */
package io.quiesce.internal.persistence.entity;
