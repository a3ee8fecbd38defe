package io.quiesce.formats.history;

import io.quiesce.rollout.RolloutEvent;
import io.quiesce.rollout.RolloutEventTypes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rollout's own events as JSON objects, for {@code history --json}: {@code at}, {@code type}
 * (the stable name of {@link RolloutEventTypes}), {@code pool}, {@code rollout}, then the fields
 * of the event. Written only: history files (and replay) keep to the server events, which carry
 * what each rollout step did.
 */
public final class RolloutEventCodec {
    private RolloutEventCodec() {
    }

    public static List<Object> encode(List<? extends RolloutEvent> events) {
        return events.stream().<Object>map(RolloutEventCodec::encode).toList();
    }

    public static Map<String, Object> encode(RolloutEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", event.at().toString());
        m.put("type", RolloutEventTypes.nameOf(event.getClass()).orElseThrow());
        m.put("pool", event.pool());
        m.put("rollout", event.number());
        if (event instanceof RolloutEvent.RolloutStarted e) {
            m.put("batches", e.batches());
            m.put("by", e.by());
            if (e.reason() != null) {
                m.put("reason", e.reason());
            }
        } else if (event instanceof RolloutEvent.StepStarted e) {
            m.put("server", e.server());
            m.put("step", e.step().name());
        } else if (event instanceof RolloutEvent.StepDone e) {
            m.put("server", e.server());
            m.put("step", e.step().name());
            m.put("note", e.note());
        } else if (event instanceof RolloutEvent.DrainTimedOut e) {
            m.put("server", e.server());
            m.put("then", e.then().label());
        } else if (event instanceof RolloutEvent.PatchFinished e) {
            m.put("server", e.server());
            m.put("exitCode", e.exitCode());
            m.put("duration", e.duration().toString());
            m.put("outputTail", e.outputTail());
        } else if (event instanceof RolloutEvent.RolloutResumed e) {
            m.put("by", e.by());
            m.put("rerunUnfinished", e.rerunUnfinished());
        } else if (event instanceof RolloutEvent.AbortRequested e) {
            m.put("by", e.by());
            if (e.reason() != null) {
                m.put("reason", e.reason());
            }
        } else if (event instanceof RolloutEvent.RolloutAborted e) {
            m.put("code", e.code());
            m.put("message", e.message());
            Map<String, Object> left = new LinkedHashMap<>();
            e.left().forEach((server, state) -> left.put(server, state.name()));
            m.put("left", left);
        }
        return m;
    }
}
