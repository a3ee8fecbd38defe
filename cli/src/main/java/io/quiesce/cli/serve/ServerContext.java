package io.quiesce.cli.serve;

import io.quiesce.Quiesce;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What a {@link RouteProvider} may use: the open data directory, its events as they are recorded,
 * the executor for blocking calls into the library, and the bearer-token check.
 *
 * @param quiesce      the open data directory
 * @param events       every recorded event, numbered, with live subscription
 * @param blocking     where calls that wait for the library run (bounded: full means 503)
 * @param materializer for streamed answers
 * @param authenticate wraps a route so that it runs only for a request with a valid bearer token
 */
public record ServerContext(Quiesce quiesce, EventFeed events, Executor blocking, Materializer materializer,
                            Function<Function<Caller, Route>, Route> authenticate) {
}
