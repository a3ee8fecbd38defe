package io.quiesce.formats.history;

import io.quiesce.history.*;
import io.quiesce.event.Event;
import io.quiesce.event.EventTypes;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events as history lines: {@code {"at":...,"type":"ServicePaused","server":...}}, the record's
 * fields in order under their own names. Absent optional fields ({@code by}, {@code reason},
 * {@code deadline}) are left out.
 */
public final class EventCodec {
    private static final Set<String> OPTIONAL = Set.of("by", "reason", "deadline");

    private EventCodec() {
    }

    public static Map<String, Object> encode(Event event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", event.at().toString());
        line.put("type", EventTypes.nameOf(event));
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            if (c.getName().equals("at")) {
                continue;
            }
            Object value = read(c, event);
            if (value != null) {
                line.put(c.getName(), toJson(value));
            }
        }
        return line;
    }

    /** Decodes an event line; {@code type} names it. Unknown fields are refused: typos must not pass. */
    public static Event decode(Map<String, Object> line) {
        Object type = line.get("type");
        if (!(type instanceof String name)) {
            throw new LineFormatException("an event line needs a \"type\"");
        }
        Class<? extends Event> kind = EventTypes.classOf(name)
                .orElseThrow(() -> new LineFormatException("unknown event type \"" + name + "\""));
        RecordComponent[] components = kind.getRecordComponents();
        List<String> known = new ArrayList<>(List.of("type"));
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            known.add(c.getName());
            types[i] = c.getType();
            args[i] = fromJson(c, line.get(c.getName()), name);
        }
        for (String field : line.keySet()) {
            if (!known.contains(field)) {
                throw new LineFormatException(name + " has no field \"" + field + "\"");
            }
        }
        try {
            Constructor<? extends Event> constructor = kind.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new LineFormatException(name + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + name, e);
        }
    }

    private static Object read(RecordComponent c, Event event) {
        try {
            return c.getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    private static Object toJson(Object value) {
        if (value instanceof Instant || value instanceof Enum<?>) {
            return value.toString();
        }
        return value;
    }

    private static Object fromJson(RecordComponent c, Object value, String type) {
        String field = c.getName();
        if (value == null) {
            if (c.getType().isPrimitive() || !OPTIONAL.contains(field)) {
                throw new LineFormatException(type + " needs \"" + field + "\"");
            }
            return null;
        }
        Class<?> want = c.getType();
        if (want == String.class && value instanceof String s) {
            return s;
        }
        if (want == boolean.class && value instanceof Boolean b) {
            return b;
        }
        if (want == int.class && value instanceof Long n) {
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new LineFormatException("\"" + field + "\" of " + type + " must be from 0 to "
                        + Integer.MAX_VALUE + ", not " + n);
            }
            return n.intValue();
        }
        if (want == Instant.class && value instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw new LineFormatException("\"" + field + "\" is not an ISO-8601 instant: " + s);
            }
        }
        if (want.isEnum() && value instanceof String s) {
            for (Object constant : want.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(s)) {
                    return constant;
                }
            }
            throw new LineFormatException("\"" + field + "\" cannot be " + s);
        }
        if (want == List.class && value instanceof List<?> list
                && c.getGenericType() instanceof ParameterizedType p && p.getActualTypeArguments()[0] == String.class
                && list.stream().allMatch(x -> x instanceof String)) {
            return list;
        }
        throw new LineFormatException("\"" + field + "\" of " + type + " has the wrong type");
    }
}
