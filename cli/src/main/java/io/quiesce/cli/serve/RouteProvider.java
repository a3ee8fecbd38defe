package io.quiesce.cli.serve;

import org.apache.pekko.http.javadsl.server.Route;

/**
 * Routes that a part of the product mounts into the server beside the API: a load-balancer
 * agent, readiness, metrics, a dashboard. They get the open library, the event feed and the
 * token check through the {@link ServerContext}.
 */
@FunctionalInterface
public interface RouteProvider {
    Route route(ServerContext context);
}
