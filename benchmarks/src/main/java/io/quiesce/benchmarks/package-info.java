/** End-to-end benchmarks on a plain harness; {@code benchmarks/run-all.sh} writes docs/benchmarks.md. */
package io.quiesce.benchmarks;
