/**
 * Internal: how journal entries and snapshots are written (CBOR with stable type names, never a
 * Java class name), so that journals of earlier versions still open.
 */
package io.quiesce.internal.persistence.serialization;
