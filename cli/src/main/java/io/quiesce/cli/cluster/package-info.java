/**
 * {@code quiesce serve --cluster}: several serving nodes on Pekko Cluster, with one shard per pool.
 * The node holding a pool runs that pool's engine alone; every node answers the whole API and
 * forwards calls about a pool to the node holding it; the split brain resolver downs the minority.
 */
package io.quiesce.cli.cluster;
