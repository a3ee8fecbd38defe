/**
 * Real traffic: what load balancers and operators' screens read from a running Quiesce. The
 * HAProxy agent check and the readiness answer say whether a server's service takes new
 * connections; the HAProxy stats poller feeds the sessions HAProxy counts back as observed
 * sessions; the metrics and the dashboard show it all. Nothing here decides a rule: the answers
 * are read off the state the core rules keep.
 */
package io.quiesce.cli.traffic;
