/** A server's state (its services, its own status derived from theirs, whether it is up) and the pool's quorum. */
package io.quiesce.server;
