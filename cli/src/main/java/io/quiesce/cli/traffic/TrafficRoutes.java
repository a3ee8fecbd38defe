package io.quiesce.cli.traffic;

import io.quiesce.auth.Principal;
import io.quiesce.cli.serve.Caller;
import io.quiesce.cli.serve.RouteProvider;
import io.quiesce.cli.serve.ServerContext;
import io.quiesce.formats.json.JsonText;
import io.quiesce.Quiesce;
import io.quiesce.Target;
import io.quiesce.rules.Decision;
import io.quiesce.rules.RejectionCode;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import io.quiesce.rules.Rules;
import io.quiesce.cli.serve.EventFeed;
import java.util.concurrent.Executor;
import java.util.function.Function;
import io.quiesce.rules.Deployment;
import java.util.concurrent.RejectedExecutionException;

/**
 * What {@code quiesce serve} mounts for real traffic, beside the API:
 * <ul>
 *   <li>{@code GET /v1/ready/SERVER[/SERVICE]} (no token): 200 or 503, see {@link Readiness};</li>
 *   <li>{@code POST /v1/observe} (token): a load balancer's count, see {@link ObserveRequest};</li>
 *   <li>{@code GET /v1/findings} (token): what a replay of the history finds, for the dashboard;</li>
 *   <li>{@code GET /metrics} (no token): Prometheus text, see {@link TrafficMetrics};</li>
 *   <li>{@code GET /} (no token; the page holds no data): the {@link Dashboard}.</li>
 * </ul>
 * Readiness, metrics and the page need no token because probes and scrapers carry none and they
 * change nothing; everything that reads the history or records goes through the token check.
 */
public final class TrafficRoutes extends AllDirectives implements RouteProvider {
    /** Who a count sent with the local token is recorded as: that token names no principal of its own. */
    public static final String LOCAL_OBSERVER = "load-balancer";
    private static final ContentType.NonBinary PROMETHEUS = ContentTypes.TEXT_PLAIN_UTF8;

    private final TrafficMetrics metrics;

    public TrafficRoutes(TrafficMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Route route(ServerContext context) {
        Quiesce q = context.quiesce();
        q.addListener(metrics);
        Readiness readiness = new Readiness(q.rules().catalog());
        FindingsCache findings = new FindingsCache(q.rules(), System::nanoTime);
        return concat(
                pathSingleSlash(() -> get(() -> complete(HttpResponse.create()
                        .withEntity(ContentTypes.TEXT_HTML_UTF8, Dashboard.page())))),
                path("metrics", () -> get(() -> completeWithFuture(q.statusAsync().thenApply(d -> HttpResponse.create()
                        .withEntity(PROMETHEUS, metrics.scrape(d)))))),
                pathPrefix("v1", () -> concat(
                        readiness(server -> q.statusAsync(), readiness),
                        path("observe", () -> post(() -> context.authenticate().apply(caller ->
                                withSizeLimit(ObserveRequest.MAX_BYTES, () -> entity(Unmarshaller.entityToString(),
                                        body -> observe(q, caller, body)))))),
                        path("findings", () -> get(() -> context.authenticate().apply(caller ->
                                findings(context.events(), context.blocking(), findings)))))));
    }

    /**
     * Metrics and readiness over a state put together from several pools (cluster mode); counts of
     * decisions are those of the pools this node holds.
     */
    public static Route merged(TrafficMetrics metrics, Supplier<CompletionStage<Deployment>> state,
                               Function<String, CompletionStage<Deployment>> stateOfServer, Rules rules,
                               EventFeed events, Executor blocking,
                               Function<Function<Caller, Route>, Route> authenticate) {
        TrafficRoutes routes = new TrafficRoutes(metrics);
        FindingsCache findings = new FindingsCache(rules, System::nanoTime);
        return routes.concat(
                routes.pathSingleSlash(() -> routes.get(() -> routes.complete(HttpResponse.create()
                        .withEntity(ContentTypes.TEXT_HTML_UTF8, Dashboard.page())))),
                routes.path("metrics", () -> routes.get(() -> routes.completeWithFuture(state.get().handle((d, f) ->
                        f != null ? unavailable(f) : HttpResponse.create().withEntity(PROMETHEUS, metrics.scrape(d)))))),
                routes.pathPrefix("v1", () -> routes.concat(
                        // A server's readiness asks its own pool only: another pool moving does not touch it.
                        routes.readiness(stateOfServer, new Readiness(rules.catalog())),
                        routes.path("findings", () -> routes.get(() -> authenticate.apply(caller ->
                                routes.findings(events, blocking, findings)))))));
    }

    private Route readiness(Function<String, CompletionStage<Deployment>> state, Readiness readiness) {
        return pathPrefix("ready", () -> concat(
                path(PathMatchers.segment(), server -> get(() -> ready(state, readiness, server, null))),
                path(PathMatchers.segment().slash(PathMatchers.segment()), (server, service) ->
                        get(() -> ready(state, readiness, server, service)))));
    }

    private Route ready(Function<String, CompletionStage<Deployment>> state, Readiness readiness, String server,
                        String service) {
        return completeWithFuture(state.apply(server).handle((d, failure) -> {
            if (failure != null) {
                return unavailable(failure);
            }
            Readiness.Verdict v = readiness.check(d, server, service);
            return json(v.status(), v.body());
        }));
    }

    private Route observe(Quiesce q, Caller caller, String body) {
        ObserveRequest r;
        try {
            r = ObserveRequest.parse(body);
        } catch (IllegalArgumentException e) {
            return complete(refusal(400, RejectionCode.INVALID_ARGUMENT.name(), e.getMessage()));
        }
        Principal who = caller.local() ? Principal.of(LOCAL_OBSERVER, q.rules().authorization().adminGroup())
                : caller.principal();
        CompletionStage<HttpResponse> answer = q.as(who).observeAsync(Target.service(r.server(), r.service()), r.sessions())
                .handle((decision, failure) -> failure != null
                        ? refusal(503, "UNAVAILABLE", failure.getMessage()).addHeader(RawHeader.create("Retry-After", "1"))
                        : answered(decision));
        return completeWithFuture(answer);
    }

    private static HttpResponse answered(Decision decision) {
        if (decision instanceof Decision.Rejected r) {
            int status = switch (r.rejection().code().kind()) {
                case BAD_INPUT -> 400;
                case NOT_AUTHORIZED -> 403;
                case RULE -> 409;
            };
            return refusal(status, r.rejection().code().name(), r.rejection().message());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changed", !((Decision.Accepted) decision).changedNothing());
        body.put("outcomes", ((Decision.Accepted) decision).outcomes().stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("server", o.server());
            m.put("service", o.service());
            m.put("status", o.after().name());
            return (Object) m;
        }).toList());
        return json(200, body);
    }

    /** Replays the whole history (shared, see FindingsCache): on the bounded executor, as other calls that take time. */
    private Route findings(EventFeed events, Executor blocking, FindingsCache findings) {
        try {
            return completeWithFuture(CompletableFuture.supplyAsync(() -> json(200, findings.get(
                    events.lastId(), () -> events.all().stream().map(n -> n.event()).toList())), blocking));
        } catch (RejectedExecutionException e) {
            return complete(refusal(503, "UNAVAILABLE", "the server is busy with other requests: try again in a"
                    + " moment.").addHeader(RawHeader.create("Retry-After", "1")));
        }
    }

    private static HttpResponse unavailable(Throwable failure) {
        return refusal(503, "UNAVAILABLE", "the state could not be read (" + failure.getMessage()
                + "): try again in a moment.").addHeader(RawHeader.create("Retry-After", "1"));
    }

    private static HttpResponse refusal(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return json(status, body);
    }

    private static HttpResponse json(int status, Map<String, Object> body) {
        return HttpResponse.create().withStatus(StatusCodes.get(status))
                .withEntity(ContentTypes.APPLICATION_JSON, JsonText.write(body));
    }
}
