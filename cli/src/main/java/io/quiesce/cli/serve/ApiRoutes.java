package io.quiesce.cli.serve;

import io.quiesce.auth.Principal;
import io.quiesce.cli.Printouts;
import io.quiesce.cli.Printouts.Answer;
import io.quiesce.command.Command;
import io.quiesce.formats.json.JsonText;
import io.quiesce.formats.json.JsonException;
import io.quiesce.formats.history.CommandCodec;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceException;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.RejectionCode;
import io.quiesce.cli.client.Printout;
import io.quiesce.cli.client.QuiesceClient;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code /v1} API: status, plan, history, commands and the event stream. Each answer is
 * either the JSON the command line prints with {@code --json}, or, with {@code ?print=text|json},
 * the whole printout of the same command-line call (exit code, stdout, stderr), which the command
 * line shows as it is.
 */
final class ApiRoutes extends AllDirectives {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    /** How to answer: the API's JSON, or the command line's printout in text or JSON. */
    enum Mode { API, TEXT, JSON }

    private final ServerContext context;
    private final int maxBody;

    private final FeedRoutes feed;

    ApiRoutes(ServerContext context, int maxBody) {
        this.context = context;
        this.maxBody = maxBody;
        this.feed = new FeedRoutes(context.events(), context.materializer(), context.blocking(),
                () -> Printouts.rolloutsOf(context.quiesce()));
    }

    Route route() {
        return pathPrefix("v1", () -> context.authenticate().apply(caller -> concat(
                pathPrefix("status", () -> concat(
                        pathEnd(() -> get(() -> mode(mode -> blocking(() -> status(null, mode))))),
                        path(PathMatchers.segment(), name -> get(() -> mode(mode -> blocking(() ->
                                status(name, mode))))))),
                path(PathMatchers.segment("plan").slash(PathMatchers.segment()), server -> get(() -> mode(mode ->
                        blocking(() -> answer(Printouts.plan(context.quiesce(), server, mode != Mode.TEXT), mode))))),
                path("history", () -> get(() -> parameterOptional("server", server -> mode(mode ->
                        feed.history(server.orElse(null), mode))))),
                path("commands", () -> post(() -> mode(mode -> bounded(() ->
                        entity(Unmarshaller.entityToString(), body -> command(caller, body, mode)))))),
                path("events", () -> get(() -> optionalHeaderValueByName("Last-Event-ID", feed::events))))));
    }

    /**
     * Refuses a body over the limit with 413, after reading it away: closing the connection on an
     * unread body would reset it under the client before it reads the answer.
     */
    private Route bounded(Supplier<Route> inner) {
        return extractRequestEntity(entity -> {
            OptionalLong length = entity.getContentLengthOption();
            if (length.isPresent() && length.getAsLong() > maxBody) {
                HttpResponse tooLarge = refusal(413, "TOO_LARGE", "a command line is at most " + maxBody
                        + " bytes.");
                return completeWithFuture(entity.discardBytes(context.materializer()).completionStage()
                        .thenApply(done -> tooLarge));
            }
            return withSizeLimit(maxBody, inner);
        });
    }

    /** How the caller asked to be answered ({@code ?print=text|json}, or the API's JSON). */
    static Route mode(Function<Mode, Route> inner) {
        return Directives.parameterOptional("print", print -> {
            if (print.isEmpty()) {
                return inner.apply(Mode.API);
            }
            return switch (print.get()) {
                case "text" -> inner.apply(Mode.TEXT);
                case "json" -> inner.apply(Mode.JSON);
                default -> Directives.complete(refusal(400, "BAD_INPUT", "print is text or json, not " + print.get()
                        + "."));
            };
        });
    }

    /** The status, with the id of the last event before it was read: following the events from there misses nothing. */
    private HttpResponse status(String name, Mode mode) {
        long eventId = context.events().lastId();
        return answer(Printouts.status(context.quiesce(), name, mode != Mode.TEXT), mode)
                .addHeader(RawHeader.create(QuiesceClient.EVENT_ID_HEADER, Long.toString(eventId)));
    }

    /**
     * Decides one command line of a history file now, for the caller's principal. Its answer does not
     * hold a thread while the journal records it: the commands of many callers wait together and are
     * written together, rather than as many at a time as the server has threads for calls that block.
     */
    private Route command(Caller caller, String body, Mode mode) {
        try {
            Object answer = commandOrAnswer(caller, body, mode);
            if (answer instanceof HttpResponse response) {
                return Directives.complete(response);
            }
            Command command = (Command) answer;
            Quiesce quiesce = context.quiesce();
            CompletionStage<Decision> decided;
            try {
                // Adding a server may first claim its name in the journal database: a call that blocks.
                decided = command instanceof Command.AddServer
                        ? CompletableFuture.supplyAsync(() -> quiesce.executeAsync(command), context.blocking())
                                .thenCompose(d -> d)
                        : quiesce.executeAsync(command);
            } catch (RejectedExecutionException e) {
                return Directives.complete(busy());
            }
            // The answer is written on the actor system's threads, not on the one that hands out the library's.
            return Directives.completeWithFuture(decided
                    .thenCompose(decision -> quiesce.statusAsync().thenApply(status -> new Decided(decision, status)))
                    .handleAsync((d, failure) -> failure != null ? failed(failure) : guarded(() -> answer(
                            Printouts.decided(quiesce.rules().catalog(), d.status(), command, d.decision(),
                                    mode != Mode.TEXT), mode)), context.materializer().executionContext()));
        } catch (RuntimeException e) {
            return Directives.complete(failure(e));
        }
    }

    /** A decision, and the status read once it was recorded. */
    private record Decided(Decision decision, Deployment status) {
    }

    /** The answer to a call whose command could not be decided, as a blocking call's would be. */
    private static HttpResponse failed(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                ? c.getCause() : failure;
        return unavailable(cause instanceof QuiesceException ? cause.getMessage()
                : "the command failed: " + cause.getMessage());
    }

    /** The command the line says, or the answer that refuses it. */
    private Object commandOrAnswer(Caller caller, String body, Mode mode) {
        Map<String, Object> line;
        try {
            if (!(JsonText.parse(body) instanceof Map<?, ?> object)) {
                return badInput(mode, "the body must be one JSON object: a command line such as"
                        + " {\"command\":\"pause\",\"server\":\"fe01\"}.");
            }
            line = new LinkedHashMap<>();
            object.forEach((k, v) -> line.put((String) k, v));
        } catch (JsonException e) {
            return badInput(mode, "the body is not JSON: " + e.getMessage());
        }
        if (line.containsKey("at")) {
            return badInput(mode, "a live command is stamped with the server's time: leave out \"at\".");
        }
        Optional<HttpResponse> refused = principal(caller, line, mode);
        if (refused.isPresent()) {
            return refused.get();
        }
        if ("connect".equals(line.get("command")) && !line.containsKey("id")) {
            line.put("id", newSessionId());
        }
        line.put("at", context.quiesce().clock().instant().toString());
        Command command;
        try {
            command = CommandCodec.decode(line, "", 0);
        } catch (RuntimeException e) {
            return badInput(mode, "not a command line: " + e.getMessage());
        }
        return command;
    }

    /** Puts who is asking into the line: named by it (local token only), or the token's own principal. */
    private Optional<HttpResponse> principal(Caller caller, Map<String, Object> line, Mode mode) {
        if (caller.local()) {
            if (!(line.get("as") instanceof String)) {
                return Optional.of(badInput(mode, "name who is asking with \"as\" (and their \"groups\"): the local"
                        + " token may act for anyone."));
            }
            line.putIfAbsent("groups", List.of());
            return Optional.empty();
        }
        Principal p = caller.principal();
        if (line.containsKey("as") && !p.name().equals(line.get("as"))) {
            return Optional.of(notAuthorized(mode, "this token stands for " + p.name() + ": it cannot act as "
                    + line.get("as") + "; use that user's own token."));
        }
        if (line.containsKey("groups") && !(line.get("groups") instanceof List<?> g
                && new TreeSet<>(g.stream().map(String::valueOf).toList()).equals(new TreeSet<>(p.groups())))) {
            return Optional.of(notAuthorized(mode, "this token stands for " + p.name() + " in the groups "
                    + String.join(",", new TreeSet<>(p.groups())) + ": it cannot name others."));
        }
        line.put("as", p.name());
        line.put("groups", new ArrayList<>(new TreeSet<>(p.groups())));
        return Optional.empty();
    }

    /** Runs a call that waits for the library on the bounded executor: full means overloaded (503). */
    private Route blocking(Supplier<HttpResponse> work) {
        return blocking(context.blocking(), work);
    }

    /** Runs {@code work} on {@code executor}, bounded: full means overloaded (503). */
    static Route blocking(java.util.concurrent.Executor executor, Supplier<HttpResponse> work) {
        try {
            return Directives.completeWithFuture(CompletableFuture.supplyAsync(() -> guarded(work), executor));
        } catch (RejectedExecutionException e) {
            return Directives.complete(busy());
        }
    }

    private static HttpResponse busy() {
        return unavailable("the server is busy with other requests: try again in a moment.");
    }

    private static HttpResponse guarded(Supplier<HttpResponse> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    private static HttpResponse failure(RuntimeException e) {
        if (e instanceof QuiesceException) {
            return unavailable(e.getMessage());
        }
        LOG.error("a request failed", e);
        return refusal(500, "INTERNAL_ERROR", "the server failed on this request (please report it): " + e);
    }

    /** The HTTP status of a command line's answer: from its exit code. */
    static int status(Answer a) {
        // Too many commands waiting for the journal is the server's state, not the caller's fault: 503, try later.
        if (RejectionCode.OVERLOADED.name().equals(a.code())) {
            return 503;
        }
        return switch (a.printout().exit()) {
            case 0 -> 200;
            case 2 -> 400;
            case 3 -> 409;
            case 4 -> 403;
            case 5 -> 503;
            default -> 500;
        };
    }

    static HttpResponse answer(Answer a, Mode mode) {
        int status = status(a);
        HttpResponse response;
        if (mode != Mode.API) {
            response = json(status, a.printout().json());
        } else if (a.done()) {
            response = HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, a.printout().out());
        } else {
            response = refusal(status, a.code(), a.message());
        }
        return status == 503 ? response.addHeader(RawHeader.create("Retry-After", "1")) : response;
    }

    private static HttpResponse badInput(Mode mode, String message) {
        return answer(Printouts.badInput(message), mode);
    }

    private static HttpResponse notAuthorized(Mode mode, String message) {
        return mode == Mode.API ? refusal(403, "NOT_AUTHORIZED", message)
                : json(403, new Printout(4, "", "refused (NOT_AUTHORIZED): " + message + "\n")
                .json());
    }

    static HttpResponse unavailable(String message) {
        return refusal(503, "UNAVAILABLE", message).addHeader(RawHeader.create("Retry-After", "1"));
    }

    static HttpResponse refusal(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return json(status, body);
    }

    static HttpResponse json(int status, Object body) {
        return HttpResponse.create().withStatus(StatusCodes.get(status))
                .withEntity(ContentTypes.APPLICATION_JSON, JsonText.write(body));
    }

    static String newSessionId() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "s-" + HexFormat.of().formatHex(random);
    }
}
