package io.quiesce.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stable type names of events, as written in journals and history files. A name is never
 * changed or reused: renaming a record only changes the right-hand side here.
 */
public final class EventTypes {
    private static final Map<String, Class<? extends Event>> BY_NAME;
    private static final Map<Class<?>, String> BY_CLASS;

    static {
        Map<String, Class<? extends Event>> m = new LinkedHashMap<>();
        m.put("PoolCreated", Event.PoolCreated.class);
        m.put("DnsLoadBalancingChanged", Event.DnsLoadBalancingChanged.class);
        m.put("ServerAdded", Event.ServerAdded.class);
        m.put("ConnectionLost", Event.ConnectionLost.class);
        m.put("ServerRestarted", Event.ServerRestarted.class);
        m.put("ServicePaused", Event.ServicePaused.class);
        m.put("ServiceDrained", Event.ServiceDrained.class);
        m.put("ServiceResumed", Event.ServiceResumed.class);
        m.put("ServiceStarted", Event.ServiceStarted.class);
        m.put("ServiceStopped", Event.ServiceStopped.class);
        m.put("StartupTypeChanged", Event.StartupTypeChanged.class);
        m.put("SessionStarted", Event.SessionStarted.class);
        m.put("SessionEnded", Event.SessionEnded.class);
        m.put("SessionInterrupted", Event.SessionInterrupted.class);
        m.put("ServiceRestarted", Event.ServiceRestarted.class);
        m.put("DrainDeadlinePassed", Event.DrainDeadlinePassed.class);
        m.put("SessionsObserved", Event.SessionsObserved.class);
        m.put("ObservedSessionsInterrupted", Event.ObservedSessionsInterrupted.class);
        m.put("PauseDeadlineChanged", Event.PauseDeadlineChanged.class);
        m.put("ServiceDrainingAgain", Event.ServiceDrainingAgain.class);
        BY_NAME = Collections.unmodifiableMap(m);
        Map<Class<?>, String> c = new LinkedHashMap<>();
        m.forEach((name, type) -> c.put(type, name));
        BY_CLASS = Collections.unmodifiableMap(c);
    }

    private EventTypes() {
    }

    /** Every event type by its stable name, in a fixed order. */
    public static Map<String, Class<? extends Event>> all() {
        return BY_NAME;
    }

    /** The stable name of an event's type; an event type without one is a programming error. */
    public static String nameOf(Event event) {
        String name = BY_CLASS.get(event.getClass());
        if (name == null) {
            throw new IllegalArgumentException("no stable type name for " + event.getClass());
        }
        return name;
    }

    /** The event type of a stable name, if there is one. */
    public static Optional<Class<? extends Event>> classOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
