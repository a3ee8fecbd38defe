/** A pool: its servers in the order they were added, and whether it uses DNS load balancing. */
package io.quiesce.pool;
