/**
 * A Windows service's state: RUNNING, PAUSING, DRAINED or OFFLINE, its startup type, its active
 * sessions and its pending pause deadline, evolved by its own events.
 */
package io.quiesce.service;
