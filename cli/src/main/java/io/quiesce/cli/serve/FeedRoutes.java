package io.quiesce.cli.serve;

import io.quiesce.rollout.RolloutEvent;
import io.quiesce.cli.Printouts;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.text.Names;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** {@code /v1/history} and {@code /v1/events}: the recorded events, whole or followed, from an {@link EventFeed}. */
final class FeedRoutes extends AllDirectives {
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final ContentType.WithFixedCharset JSON_LINES = ContentTypes.create(
            MediaTypes.applicationWithFixedCharset("x-ndjson", HttpCharsets.UTF_8));

    private final EventFeed events;
    private final Materializer materializer;
    private final Executor blocking;
    private final Supplier<Map<String, List<RolloutEvent>>> rollouts;

    /** {@code rollouts}: the rollouts' steps by pool, read for the printed history. */
    FeedRoutes(EventFeed events, Materializer materializer, Executor blocking,
               Supplier<Map<String, List<RolloutEvent>>> rollouts) {
        this.events = events;
        this.materializer = materializer;
        this.blocking = blocking;
        this.rollouts = rollouts;
    }

    Route history(String server, ApiRoutes.Mode mode) {
        List<EventFeed.Numbered> shown = events.all().stream()
                .filter(n -> server == null || EventCodec.encode(n.event()).get("server") instanceof String named
                        && Names.same(server, named))
                .toList();
        if (mode != ApiRoutes.Mode.API) {
            // The rollouts' steps are read from their journal: not on the HTTP threads.
            List<io.quiesce.event.Event> printed = shown.stream().map(EventFeed.Numbered::event).toList();
            return ApiRoutes.blocking(blocking, () -> ApiRoutes.answer(Printouts.history(rollouts.get(), printed,
                    server, mode == ApiRoutes.Mode.JSON), mode));
        }
        StringBuilder lines = new StringBuilder();
        shown.forEach(n -> lines.append(n.line()).append('\n'));
        return complete(HttpResponse.create().withEntity(JSON_LINES, lines.toString()));
    }

    Route events(Optional<String> lastEventId) {
        long after;
        try {
            after = lastEventId.map(String::strip).map(Long::parseLong).orElse(events.lastId());
        } catch (NumberFormatException e) {
            return complete(ApiRoutes.refusal(400, "BAD_INPUT", "Last-Event-ID is the id of an event, a number."));
        }
        try {
            return completeOK(events.after(after, materializer)
                            .map(n -> ServerSentEvent.create(n.line(), Optional.empty(),
                                    Optional.of(Long.toString(n.id())), OptionalInt.empty()))
                            .keepAlive(HEARTBEAT, ServerSentEvent::heartbeat),
                    EventStreamMarshalling.toEventStream());
        } catch (IllegalArgumentException e) {
            return complete(ApiRoutes.refusal(400, "BAD_INPUT", e.getMessage()
                    + ": resume from an id this server gave."));
        }
    }
}
