package io.quiesce.cli.serve;

import io.quiesce.Quiesce;
import io.quiesce.QuiesceException;
import io.quiesce.auth.Principal;
import io.quiesce.cli.Printouts;
import io.quiesce.cli.Printouts.Answer;
import io.quiesce.cli.RolloutPrintouts;
import io.quiesce.cli.RolloutWire;
import io.quiesce.cli.client.Printout;
import io.quiesce.command.Act;
import io.quiesce.formats.json.JsonException;
import io.quiesce.formats.json.JsonText;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutPlan;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rules.RejectionCode;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code /v1/rollouts/POOL[/plan|/start|/resume|/abort|/progress]}: the rollout commands of the
 * command line, answered by the server, which drives the rollouts it starts or resumes. Reading is
 * open to every token; starting, resuming and aborting need an administrator, as everywhere. Each
 * answer is the command line's printout with {@code ?print=text|json}, else the JSON it prints.
 */
final class RolloutRoutes extends AllDirectives implements RouteProvider {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutRoutes.class);
    private static final Set<String> WHO = Set.of("as", "groups");

    private final RolloutDrivers drivers;

    RolloutRoutes(RolloutDrivers drivers) {
        this.drivers = drivers;
    }

    /** Whether to answer with the printout (text or JSON) or the API's JSON. */
    private enum Mode {
        API, TEXT, JSON;

        boolean json() {
            return this != TEXT;
        }
    }

    @Override
    public Route route(ServerContext context) {
        Quiesce quiesce = context.quiesce();
        return pathPrefix(PathMatchers.segment("v1").slash("rollouts"), () -> context.authenticate().apply(caller ->
                pathPrefix(PathMatchers.segment(), pool -> mode(mode -> concat(
                        pathEnd(() -> get(() -> blocking(context, () ->
                                respond(RolloutPrintouts.state(quiesce, pool, mode.json()), mode, Map.of())))),
                        path("plan", () -> get(() -> parameterMap(query -> blocking(context, () ->
                                plan(quiesce, pool, query, mode))))),
                        path("progress", () -> get(() -> parameterMap(query ->
                                complete(progress(pool, query, mode))))),
                        path("start", () -> post(() -> body(body -> blocking(context, () ->
                                start(quiesce, caller, pool, body, mode))))),
                        path("resume", () -> post(() -> body(body -> blocking(context, () ->
                                resume(quiesce, caller, pool, body, mode))))),
                        path("abort", () -> post(() -> body(body -> blocking(context, () ->
                                abort(quiesce, caller, pool, body, mode))))))))));
    }

    private HttpResponse plan(Quiesce quiesce, String pool, Map<String, String> query, Mode mode) {
        RolloutOptions options;
        try {
            options = RolloutWire.decode(options(query));
        } catch (IllegalArgumentException e) {
            return respond(Printouts.badInput(e.getMessage()), mode, Map.of());
        }
        return respond(RolloutPrintouts.plan(quiesce, pool, options, mode.json()), mode, Map.of());
    }

    private HttpResponse start(Quiesce quiesce, Caller caller, String pool, Map<String, Object> body, Mode mode) {
        Set<String> fields = new java.util.HashSet<>(RolloutWire.FIELDS);
        fields.add("reason");
        Who who = who(caller, body, mode, fields);
        if (who.refusal() != null) {
            return who.refusal();
        }
        RolloutOptions options;
        try {
            options = RolloutWire.decode(body);
        } catch (IllegalArgumentException e) {
            return respond(Printouts.badInput(e.getMessage()), mode, Map.of());
        }
        RolloutPlan plan = quiesce.rollouts().plan(pool, options);
        if (!plan.possible()) {
            return respond(RolloutPrintouts.refused(plan.obstacles(), mode.json()), mode, Map.of());
        }
        String reason = body.get("reason") instanceof String r ? r : null;
        RolloutDrivers.Result r = drivers.start(pool, options, plan, new Act(who.principal(),
                quiesce.clock().instant(), reason));
        return driving(pool, r, mode);
    }

    private HttpResponse resume(Quiesce quiesce, Caller caller, String pool, Map<String, Object> body, Mode mode) {
        Who who = who(caller, body, mode, Set.of("rerunUnfinished"));
        if (who.refusal() != null) {
            return who.refusal();
        }
        if (quiesce.status().pool(pool).isEmpty()) {
            return respond(Printouts.badInput("no pool named " + pool + ": check the name with status."), mode,
                    Map.of());
        }
        boolean rerun = Boolean.TRUE.equals(body.get("rerunUnfinished"));
        return driving(pool, drivers.resume(pool, rerun, new Act(who.principal(), quiesce.clock().instant(), null)),
                mode);
    }

    private HttpResponse abort(Quiesce quiesce, Caller caller, String pool, Map<String, Object> body, Mode mode) {
        Who who = who(caller, body, mode, Set.of("reason"));
        if (who.refusal() != null) {
            return who.refusal();
        }
        if (quiesce.status().pool(pool).isEmpty()) {
            return respond(Printouts.badInput("no pool named " + pool + ": check the name with status."), mode,
                    Map.of());
        }
        String reason = body.get("reason") instanceof String r ? r : null;
        RolloutDrivers.AbortResult r = drivers.abort(pool, new Act(who.principal(), quiesce.clock().instant(), reason));
        if (r.refusal() != null) {
            return respond(RolloutPrintouts.refused(List.of(r.refusal()), mode.json()), mode, Map.of());
        }
        if (r.stillDriving() == null) {
            return respond(RolloutPrintouts.state(quiesce, pool, mode.json()), mode, Map.of());
        }
        RolloutState s = quiesce.rollouts().state(pool);
        String step = s.next().map(n -> " (" + n.step().words() + " " + n.server() + ")").orElse("");
        Answer asked = new Answer(new Printout(0, "", "rollout " + s.number() + " of pool " + pool
                + ": abort asked; it stops after the current step" + step + "\n"), null, null);
        // The follower takes the run's lines from here: those before were shown to whoever started it.
        return respond(asked, mode, Map.of("run", r.stillDriving().id(), "abortAsked", true,
                "next", r.stillDriving().log().size()));
    }

    private HttpResponse driving(String pool, RolloutDrivers.Result r, Mode mode) {
        if (r.refusal() != null) {
            return respond(RolloutPrintouts.refused(List.of(r.refusal()), mode.json()), mode, Map.of());
        }
        return respond(RolloutPrintouts.started(), mode, Map.of("pool", pool, "run", r.run().id()));
    }

    /**
     * The progress lines of a run from {@code after} on; once the run has ended and every line was
     * given, also how it ended: the printout of {@code rollout start} at its end, and the status.
     */
    private HttpResponse progress(String pool, Map<String, String> query, Mode mode) {
        DrivenRollout run = drivers.run(query.getOrDefault("run", "")).filter(r -> r.pool().equals(pool))
                .orElse(null);
        if (run == null) {
            return respond(Printouts.badInput("this server drives no rollout run " + query.get("run") + " of pool "
                    + pool + ": see rollout status " + pool + "."), mode, Map.of());
        }
        int after;
        try {
            after = Integer.parseInt(query.getOrDefault("after", "0"));
        } catch (NumberFormatException e) {
            return respond(Printouts.badInput("after is a number of lines."), mode, Map.of());
        }
        // Read "running" before the lines: a run that ended has written its last line already.
        boolean running = run.running();
        List<String> lines = run.log().from(after);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pool", pool);
        fields.put("run", run.id());
        fields.put("lines", lines);
        fields.put("next", Math.max(after, 0) + lines.size());
        fields.put("running", running);
        if (running) {
            return respond(RolloutPrintouts.started(), mode, fields);
        }
        RolloutState end = run.end();
        fields.put("status", end == null ? null : end.status().name());
        Answer ended = run.failure() != null ? RolloutPrintouts.failed(end, run.failure(), mode.json())
                : RolloutPrintouts.ended(end, mode.json());
        // The end is shown, not refused: the HTTP status stays 200 whatever the exit code.
        return json(200, mode == Mode.API ? fields : merged(ended.printout().json(), fields));
    }

    /** Who is asking: the local token names them in the body; another token is its own principal. */
    private record Who(Principal principal, HttpResponse refusal) {
    }

    private Who who(Caller caller, Map<String, Object> body, Mode mode, Set<String> fields) {
        for (String key : body.keySet()) {
            if (!WHO.contains(key) && !fields.contains(key)) {
                return new Who(null, respond(Printouts.badInput("this rollout request has no field " + key
                        + ": it takes " + String.join(", ", new TreeSet<>(fields)) + ", as and groups."), mode,
                        Map.of()));
            }
        }
        List<String> groups = body.get("groups") instanceof List<?> g ? g.stream().map(String::valueOf).toList()
                : List.of();
        if (caller.local()) {
            if (!(body.get("as") instanceof String name)) {
                return new Who(null, respond(Printouts.badInput("name who is asking with \"as\" (and their"
                        + " \"groups\"): the local token may act for anyone."), mode, Map.of()));
            }
            return new Who(new Principal(name, Set.copyOf(groups)), null);
        }
        Principal p = caller.principal();
        if (body.containsKey("as") && !p.name().equals(body.get("as"))
                || body.containsKey("groups") && !new TreeSet<>(groups).equals(new TreeSet<>(p.groups()))) {
            return new Who(null, respond(new Answer(new Printout(4, "", "refused (NOT_AUTHORIZED): this token stands"
                    + " for " + p.name() + ": it cannot act for others; use that user's own token.\n"),
                    RejectionCode.NOT_AUTHORIZED.name(), "this token stands for " + p.name()
                    + ": it cannot act for others; use that user's own token."), mode, Map.of()));
        }
        return new Who(p, null);
    }

    private static Map<String, String> options(Map<String, String> query) {
        Map<String, String> options = new LinkedHashMap<>(query);
        options.remove("print");
        return options;
    }

    private Route mode(Function<Mode, Route> inner) {
        return parameterOptional("print", print -> {
            if (print.isEmpty()) {
                return inner.apply(Mode.API);
            }
            return switch (print.get()) {
                case "text" -> inner.apply(Mode.TEXT);
                case "json" -> inner.apply(Mode.JSON);
                default -> complete(json(400, refusal("BAD_INPUT", "print is text or json, not " + print.get() + ".")));
            };
        });
    }

    /** A JSON object body (empty allowed), at most the API's body size. */
    private Route body(Function<Map<String, Object>, Route> inner) {
        return withSizeLimit(ServeSettings.DEFAULT_MAX_BODY, () -> entity(Unmarshaller.entityToString(), text -> {
            if (text.isBlank()) {
                return inner.apply(new LinkedHashMap<>());
            }
            try {
                if (JsonText.parse(text) instanceof Map<?, ?> object) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    object.forEach((k, v) -> body.put(String.valueOf(k), v));
                    return inner.apply(body);
                }
            } catch (JsonException e) {
                // Refused below.
            }
            return complete(json(400, refusal("BAD_INPUT", "the body must be one JSON object, such as"
                    + " {\"exec\":\"./patch.sh {server}\",\"reason\":\"KB5031\"}.")));
        }));
    }

    /** Runs a call that waits for the library on the server's bounded executor: full means 503. */
    private Route blocking(ServerContext context, Supplier<HttpResponse> work) {
        try {
            return completeWithFuture(CompletableFuture.supplyAsync(() -> {
                try {
                    return work.get();
                } catch (QuiesceException e) {
                    return ApiRoutes.unavailable(e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("a rollout request failed", e);
                    return json(500, refusal("INTERNAL_ERROR", "the server failed on this request (please report it): "
                            + e));
                }
            }, context.blocking()));
        } catch (RejectedExecutionException e) {
            return complete(ApiRoutes.unavailable("the server is busy with other requests: try again in a moment."));
        }
    }

    /** The answer as the API gives it: HTTP status from the exit code, body as {@link Mode} says, plus {@code more}. */
    private static HttpResponse respond(Answer a, Mode mode, Map<String, Object> more) {
        int status = ApiRoutes.status(a);
        HttpResponse response;
        if (mode != Mode.API) {
            response = json(status, merged(a.printout().json(), more));
        } else if (a.done() || a.code() == null && a.printout().out().strip().startsWith("{")) {
            // Done, or refused with its own JSON (a plan that names its obstacles).
            Object printed = a.printout().out().isBlank() ? Map.of() : JsonText.parse(a.printout().out());
            response = json(status, printed instanceof Map<?, ?> m ? merged(m, more) : printed);
        } else {
            response = json(status, refusal(a.code(), a.message()));
        }
        return status == 503 ? response.addHeader(RawHeader.create("Retry-After", "1")) : response;
    }

    private static Map<String, Object> merged(Map<?, ?> first, Map<String, Object> more) {
        Map<String, Object> m = new LinkedHashMap<>();
        first.forEach((k, v) -> m.put(String.valueOf(k), v));
        m.putAll(more);
        return m;
    }

    private static Map<String, Object> refusal(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return body;
    }

    private static HttpResponse json(int status, Object body) {
        return HttpResponse.create().withStatus(StatusCodes.get(status))
                .withEntity(ContentTypes.APPLICATION_JSON, JsonText.write(body));
    }
}
