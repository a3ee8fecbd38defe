/**
 * {@code quiesce serve}: one process holds a data directory open and serves it over Pekko HTTP,
 * with bearer tokens, the {@code /v1} API, the numbered event feed behind {@code /v1/events}, and
 * a place for other routes ({@link io.quiesce.cli.serve.RouteProvider}).
 */
package io.quiesce.cli.serve;
