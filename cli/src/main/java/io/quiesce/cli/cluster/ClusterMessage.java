package io.quiesce.cli.cluster;

/** A message that may cross from one node to another: serialized with Jackson (CBOR). */
public interface ClusterMessage {
}
