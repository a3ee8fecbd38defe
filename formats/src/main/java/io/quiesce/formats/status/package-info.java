/** The status of every pool, server and service as JSON. */
package io.quiesce.formats.status;
