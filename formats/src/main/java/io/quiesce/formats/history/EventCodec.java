package io.quiesce.formats.history;

import io.quiesce.event.Event;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.DnsLoadBalancingChanged;
import io.quiesce.event.Event.DrainDeadlinePassed;
import io.quiesce.event.Event.PauseDeadlineChanged;
import io.quiesce.event.Event.PoolCreated;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.event.Event.ServerRestarted;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServiceDrainingAgain;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.ServiceResumed;
import io.quiesce.event.Event.ServiceStarted;
import io.quiesce.event.Event.ServiceStopped;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.event.Event.StartupTypeChanged;
import io.quiesce.event.EventTypes;
import io.quiesce.formats.json.JsonText;
import io.quiesce.formats.json.StrictObject;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events as history lines: {@code {"at":...,"type":"ServicePaused","server":...}}, the record's
 * fields in order under their own names. Absent optional fields ({@code by}, {@code reason},
 * {@code deadline}) are left out. One explicit encoder and decoder per event type: the names are
 * those of journals and exported histories, so they never change.
 */
public final class EventCodec {
    private EventCodec() {
    }

    /** The event as one line of JSON, as {@code history --export} writes it. */
    public static String line(Event event) {
        return JsonText.write(encode(event));
    }

    /** The {@code history --json} shape: {@code {"events":[...]}}, each event as its line. */
    public static Map<String, Object> history(List<Event> events) {
        return Map.of("events", events.stream().map(EventCodec::encode).toList());
    }

    /** The fields of the event's line, in order; absent optional ones left out. */
    public static Map<String, Object> encode(Event event) {
        Fields f = new Fields(event);
        if (event instanceof PoolCreated e) {
            f.put("pool", e.pool()).put("dnsLoadBalancing", e.dnsLoadBalancing()).act(e);
        } else if (event instanceof DnsLoadBalancingChanged e) {
            f.put("pool", e.pool()).put("dnsLoadBalancing", e.dnsLoadBalancing()).act(e);
        } else if (event instanceof ServerAdded e) {
            f.put("pool", e.pool()).put("server", e.server()).put("role", e.role())
                    .put("coreService", e.coreService()).put("services", e.services()).act(e);
        } else if (event instanceof ConnectionLost e) {
            f.put("pool", e.pool()).put("feature", e.feature()).put("session", e.session()).put("by", e.by());
        } else if (event instanceof ServerRestarted e) {
            f.put("server", e.server()).put("forced", e.forced()).act(e);
        } else if (event instanceof ServicePaused e) {
            f.service(e).put("deadline", e.deadline() == null ? null : e.deadline().toString()).act(e);
        } else if (event instanceof PauseDeadlineChanged e) {
            f.service(e).put("deadline", e.deadline() == null ? null : e.deadline().toString()).act(e);
        } else if (event instanceof ServiceDrained e) {
            f.service(e);
        } else if (event instanceof ServiceDrainingAgain e) {
            f.service(e);
        } else if (event instanceof ServiceResumed e) {
            f.service(e).act(e);
        } else if (event instanceof ServiceStarted e) {
            f.service(e).act(e);
        } else if (event instanceof ServiceStopped e) {
            f.service(e).put("forced", e.forced()).act(e);
        } else if (event instanceof StartupTypeChanged e) {
            f.service(e).put("from", e.from().name()).put("to", e.to().name()).act(e);
        } else if (event instanceof SessionStarted e) {
            f.service(e).put("session", e.session()).put("feature", e.feature()).put("by", e.by());
        } else if (event instanceof SessionEnded e) {
            f.service(e).put("session", e.session()).put("by", e.by());
        } else if (event instanceof SessionInterrupted e) {
            f.service(e).put("session", e.session()).put("feature", e.feature()).put("cause", e.cause().name());
        } else if (event instanceof ServiceRestarted e) {
            f.service(e).put("from", e.from().name()).put("to", e.to().name()).put("pauseCleared", e.pauseCleared());
        } else if (event instanceof DrainDeadlinePassed e) {
            f.service(e);
        } else {
            throw new IllegalArgumentException("no history line for " + event);
        }
        return f.line;
    }

    /**
     * Decodes an event line whose {@code type} names it. Unknown fields are refused: typos must not
     * pass. {@code by}, {@code reason} and {@code deadline} may be absent or null.
     */
    public static Event decode(StrictObject line) {
        String type = line.text("type");
        StrictObject f = line.at(type);
        f.has("type");
        Event event = switch (type) {
            case "PoolCreated" -> new PoolCreated(f.instant("at"), f.text("pool"), f.bool("dnsLoadBalancing"),
                    f.optionalText("by"), f.optionalText("reason"));
            case "DnsLoadBalancingChanged" -> new DnsLoadBalancingChanged(f.instant("at"), f.text("pool"),
                    f.bool("dnsLoadBalancing"), f.optionalText("by"), f.optionalText("reason"));
            case "ServerAdded" -> new ServerAdded(f.instant("at"), f.text("pool"), f.text("server"), f.text("role"),
                    f.text("coreService"), f.strings("services"), f.optionalText("by"), f.optionalText("reason"));
            case "ConnectionLost" -> new ConnectionLost(f.instant("at"), f.text("pool"), f.text("feature"),
                    f.text("session"), f.optionalText("by"));
            case "ServerRestarted" -> new ServerRestarted(f.instant("at"), f.text("server"), f.bool("forced"),
                    f.optionalText("by"), f.optionalText("reason"));
            case "ServicePaused" -> new ServicePaused(f.instant("at"), f.text("server"), f.text("service"),
                    f.optionalInstant("deadline"), f.optionalText("by"), f.optionalText("reason"));
            case "PauseDeadlineChanged" -> new PauseDeadlineChanged(f.instant("at"), f.text("server"),
                    f.text("service"), f.optionalInstant("deadline"), f.optionalText("by"), f.optionalText("reason"));
            case "ServiceDrained" -> new ServiceDrained(f.instant("at"), f.text("server"), f.text("service"));
            case "ServiceDrainingAgain" -> new ServiceDrainingAgain(f.instant("at"), f.text("server"),
                    f.text("service"));
            case "ServiceResumed" -> new ServiceResumed(f.instant("at"), f.text("server"), f.text("service"),
                    f.optionalText("by"), f.optionalText("reason"));
            case "ServiceStarted" -> new ServiceStarted(f.instant("at"), f.text("server"), f.text("service"),
                    f.optionalText("by"), f.optionalText("reason"));
            case "ServiceStopped" -> new ServiceStopped(f.instant("at"), f.text("server"), f.text("service"),
                    f.bool("forced"), f.optionalText("by"), f.optionalText("reason"));
            case "StartupTypeChanged" -> new StartupTypeChanged(f.instant("at"), f.text("server"), f.text("service"),
                    f.constant("from", StartupType.class), f.constant("to", StartupType.class), f.optionalText("by"),
                    f.optionalText("reason"));
            case "SessionStarted" -> new SessionStarted(f.instant("at"), f.text("server"), f.text("service"),
                    f.text("session"), f.text("feature"), f.optionalText("by"));
            case "SessionEnded" -> new SessionEnded(f.instant("at"), f.text("server"), f.text("service"),
                    f.text("session"), f.optionalText("by"));
            case "SessionInterrupted" -> new SessionInterrupted(f.instant("at"), f.text("server"), f.text("service"),
                    f.text("session"), f.text("feature"), f.constant("cause", InterruptionCause.class));
            case "ServiceRestarted" -> new ServiceRestarted(f.instant("at"), f.text("server"), f.text("service"),
                    f.constant("from", ServiceStatus.class), f.constant("to", ServiceStatus.class),
                    f.bool("pauseCleared"));
            case "DrainDeadlinePassed" -> new DrainDeadlinePassed(f.instant("at"), f.text("server"),
                    f.text("service"));
            default -> throw new LineFormatException("unknown event type \"" + type + "\"");
        };
        f.refuseOthers();
        return event;
    }

    /** A line's fields being put in order; null values are left out. */
    private static final class Fields {
        private final Map<String, Object> line = new LinkedHashMap<>();

        Fields(Event event) {
            line.put("at", event.at().toString());
            line.put("type", EventTypes.nameOf(event));
        }

        Fields put(String name, Object value) {
            if (value != null) {
                line.put(name, value);
            }
            return this;
        }

        Fields service(Event.ServiceEvent e) {
            return put("server", e.server()).put("service", e.service());
        }

        Fields act(Event.AdministrativeAct e) {
            return put("by", e.by()).put("reason", e.reason());
        }
    }
}
