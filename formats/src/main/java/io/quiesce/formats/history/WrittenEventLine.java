package io.quiesce.formats.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.DnsLoadBalancingChanged;
import io.quiesce.event.Event.DrainDeadlinePassed;
import io.quiesce.event.Event.ObservedSessionsInterrupted;
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
import io.quiesce.event.Event.SessionsObserved;
import io.quiesce.event.Event.StartupTypeChanged;
import io.quiesce.event.EventTypes;
import io.quiesce.formats.json.Instants;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An event line as {@link EventCodec} writes it, decoded straight from the parser's tokens: no
 * map of fields, no values in between. The parser finds each string value and leaves it unread;
 * its characters are read here from the line's bytes (the time, a name looked up without making a
 * string of it). Exported histories are hundreds of thousands of such lines, and the general
 * reading costs more than the parse.
 *
 * <p>It gives up on anything else: a line that is not such an event, holds a fault, or is merely
 * unusual (a command, an instant in another ISO form). Then
 * {@link EventCodec#decode} reads the line again from the start and decides: what is accepted
 * and refused, and every message, stay the general reading's. What this accepts, that reads as
 * the same event. One per reader: it keeps the fields of the line being read.
 */
final class WrittenEventLine {
    private static final int AT = 1;
    private static final int TYPE = 1 << 1;
    private static final int POOL = 1 << 2;
    private static final int SERVER = 1 << 3;
    private static final int SERVICE = 1 << 4;
    private static final int SESSION = 1 << 5;
    private static final int FEATURE = 1 << 6;
    private static final int BY = 1 << 7;
    private static final int REASON = 1 << 8;
    private static final int ROLE = 1 << 9;
    private static final int CORE_SERVICE = 1 << 10;
    private static final int SERVICES = 1 << 11;
    private static final int DEADLINE = 1 << 12;
    private static final int DNS_LOAD_BALANCING = 1 << 13;
    private static final int FORCED = 1 << 14;
    private static final int PAUSE_CLEARED = 1 << 15;
    private static final int FROM = 1 << 16;
    private static final int TO = 1 << 17;
    private static final int CAUSE = 1 << 18;
    private static final int SESSIONS = 1 << 19;
    private static final int ON_SERVICE = SERVER | SERVICE;
    private static final int ACT = BY | REASON;

    /** The names of the event types, to find a line's without making a string of it. */
    private static final String[] TYPE_NAMES = EventTypes.all().keySet().toArray(String[]::new);
    private static final byte[][] TYPE_BYTES = Arrays.stream(TYPE_NAMES)
            .map(name -> name.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final StartupType[] STARTUP_TYPES = StartupType.values();
    private static final ServiceStatus[] STATUSES = ServiceStatus.values();
    private static final InterruptionCause[] CAUSES = InterruptionCause.values();

    /** Slots of {@link #names}: a power of two, more than the names of a large deployment's lines. */
    private static final int NAMES = 512;

    /**
     * The names lines repeat (pools, servers, services, features, principals), one string each,
     * by the hash of their characters; a name that meets another's slot takes it. Every line
     * about a service then names it with the same strings as the server's line did: the fold
     * finds a name by comparing references, and its hash is worked out once. Not shared between
     * threads (a reader is read by one): a slot's name and bytes are replaced one after the other.
     */
    private final String[] names = new String[NAMES];
    /** The bytes of each of {@link #names}, to compare a value's with. */
    private final byte[][] nameBytes = new byte[NAMES][];
    private final Instants.Reader instants = new Instants.Reader();
    /** Where the types of the last two lines are in {@link #TYPE_NAMES}: lines of a few types come in runs. */
    private int lastType;
    private int typeBefore;
    /** The last name of each field, by the number of its bit, and its bytes. */
    private final String[] lastNames = new String[Integer.SIZE];
    private final byte[][] lastBytes = new byte[Integer.SIZE][];
    /** The line being read. */
    private LineParser line;
    /** Where the last string value found by {@link #string} is in the line's bytes: {@code [valueStart, valueEnd)}. */
    private int valueStart;
    private int valueEnd;
    /** The fields of the line being read; {@link #seen} says which it has. */
    private int seen;
    private Instant at;
    private String type;
    private String pool;
    private String server;
    private String service;
    private String session;
    private String feature;
    private String by;
    private String reason;
    private String role;
    private String coreService;
    private List<String> services;
    private Instant deadline;
    private boolean dnsLoadBalancing;
    private boolean forced;
    private boolean pauseCleared;
    private String from;
    private String to;
    private String cause;
    private int sessions;

    /**
     * The event of the one JSON object on the line, or null when the general reading must judge
     * the line. The line must be ASCII without a backslash, so that a string's bytes are its
     * characters: its values are read from the line's bytes, and the parser only finds them. A
     * fault of the JSON itself ends in an exception of the parser; the caller reads the line again
     * too. It reads the object and nothing after it: whether the line ends there is for the caller
     * to check.
     */
    Event decode(LineParser line, JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        this.line = line;
        seen = 0;
        by = null;
        reason = null;
        deadline = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            int field = field(p, name);
            if (field == 0 || (seen & field) != 0) {
                return null;
            }
            seen |= field;
        }
        return event();
    }

    /** Reads the value of the field {@code name}; its bit, or 0 when the line is not for this reading. */
    private int field(JsonParser p, String name) throws IOException {
        JsonToken value = p.nextToken();
        return switch (name) {
            case "at" -> present(at = instant(value), AT);
            case "type" -> present(type = typeName(value), TYPE);
            case "pool" -> present(pool = name(value, POOL), POOL);
            case "server" -> present(server = name(value, SERVER), SERVER);
            case "service" -> present(service = name(value, SERVICE), SERVICE);
            case "session" -> present(session = session(value), SESSION);
            case "feature" -> present(feature = name(value, FEATURE), FEATURE);
            case "role" -> present(role = name(value, ROLE), ROLE);
            case "coreService" -> present(coreService = name(value, CORE_SERVICE), CORE_SERVICE);
            // these three may be null, as if left out
            case "by" -> value == JsonToken.VALUE_NULL ? BY : present(by = name(value, BY), BY);
            case "reason" -> value == JsonToken.VALUE_NULL ? REASON : present(reason = text(value), REASON);
            case "deadline" -> value == JsonToken.VALUE_NULL ? DEADLINE : present(deadline = instant(value), DEADLINE);
            case "services" -> present(services = names(p, value), SERVICES);
            case "dnsLoadBalancing" -> {
                dnsLoadBalancing = value == JsonToken.VALUE_TRUE;
                yield bool(value) ? DNS_LOAD_BALANCING : 0;
            }
            case "forced" -> {
                forced = value == JsonToken.VALUE_TRUE;
                yield bool(value) ? FORCED : 0;
            }
            case "pauseCleared" -> {
                pauseCleared = value == JsonToken.VALUE_TRUE;
                yield bool(value) ? PAUSE_CLEARED : 0;
            }
            case "from" -> present(from = text(value), FROM);
            case "to" -> present(to = text(value), TO);
            case "cause" -> present(cause = text(value), CAUSE);
            case "sessions" -> {
                boolean count = value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                        && p.getIntValue() >= 0;
                sessions = count ? p.getIntValue() : 0;
                yield count ? SESSIONS : 0;
            }
            default -> 0;
        };
    }

    private static int present(Object value, int field) {
        return value != null ? field : 0;
    }

    /** The event the fields make, when they are exactly those of its type (optional ones aside). */
    private Event event() {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "PoolCreated" -> has(POOL | DNS_LOAD_BALANCING, ACT)
                    ? new PoolCreated(at, pool, dnsLoadBalancing, by, reason) : null;
            case "DnsLoadBalancingChanged" -> has(POOL | DNS_LOAD_BALANCING, ACT)
                    ? new DnsLoadBalancingChanged(at, pool, dnsLoadBalancing, by, reason) : null;
            case "ServerAdded" -> has(POOL | SERVER | ROLE | CORE_SERVICE | SERVICES, ACT)
                    ? new ServerAdded(at, pool, server, role, coreService, services, by, reason) : null;
            case "ConnectionLost" -> has(POOL | FEATURE | SESSION, BY)
                    ? new ConnectionLost(at, pool, feature, session, by) : null;
            case "ServerRestarted" -> has(SERVER | FORCED, ACT)
                    ? new ServerRestarted(at, server, forced, by, reason) : null;
            case "ServicePaused" -> has(ON_SERVICE, DEADLINE | ACT)
                    ? new ServicePaused(at, server, service, deadline, by, reason) : null;
            case "PauseDeadlineChanged" -> has(ON_SERVICE, DEADLINE | ACT)
                    ? new PauseDeadlineChanged(at, server, service, deadline, by, reason) : null;
            case "ServiceDrained" -> has(ON_SERVICE, 0) ? new ServiceDrained(at, server, service) : null;
            case "ServiceDrainingAgain" -> has(ON_SERVICE, 0) ? new ServiceDrainingAgain(at, server, service) : null;
            case "ServiceResumed" -> has(ON_SERVICE, ACT) ? new ServiceResumed(at, server, service, by, reason) : null;
            case "ServiceStarted" -> has(ON_SERVICE, ACT) ? new ServiceStarted(at, server, service, by, reason) : null;
            case "ServiceStopped" -> has(ON_SERVICE | FORCED, ACT)
                    ? new ServiceStopped(at, server, service, forced, by, reason) : null;
            case "StartupTypeChanged" -> {
                StartupType was = constant(STARTUP_TYPES, from);
                StartupType now = constant(STARTUP_TYPES, to);
                yield has(ON_SERVICE | FROM | TO, ACT) && was != null && now != null
                        ? new StartupTypeChanged(at, server, service, was, now, by, reason) : null;
            }
            case "SessionStarted" -> has(ON_SERVICE | SESSION | FEATURE, BY)
                    ? new SessionStarted(at, server, service, session, feature, by) : null;
            case "SessionEnded" -> has(ON_SERVICE | SESSION, BY) ? new SessionEnded(at, server, service, session, by)
                    : null;
            case "SessionInterrupted" -> {
                InterruptionCause why = constant(CAUSES, cause);
                yield has(ON_SERVICE | SESSION | FEATURE | CAUSE, 0) && why != null
                        ? new SessionInterrupted(at, server, service, session, feature, why) : null;
            }
            case "ServiceRestarted" -> {
                ServiceStatus was = constant(STATUSES, from);
                ServiceStatus now = constant(STATUSES, to);
                yield has(ON_SERVICE | FROM | TO | PAUSE_CLEARED, 0) && was != null && now != null
                        ? new ServiceRestarted(at, server, service, was, now, pauseCleared) : null;
            }
            case "DrainDeadlinePassed" -> has(ON_SERVICE, 0) ? new DrainDeadlinePassed(at, server, service) : null;
            case "SessionsObserved" -> has(ON_SERVICE | SESSIONS, BY)
                    ? new SessionsObserved(at, server, service, sessions, by) : null;
            case "ObservedSessionsInterrupted" -> {
                InterruptionCause why = constant(CAUSES, cause);
                yield has(ON_SERVICE | SESSIONS | CAUSE, 0) && why != null
                        ? new ObservedSessionsInterrupted(at, server, service, sessions, why) : null;
            }
            default -> null;
        };
    }

    /** Whether the line has every {@code required} field (and its time and type) and no other than {@code optional}. */
    private boolean has(int required, int optional) {
        int needed = required | AT | TYPE;
        return (seen & needed) == needed && (seen & ~(needed | optional)) == 0;
    }

    /**
     * Finds the bytes of the string value the parser is at ({@link #valueStart}, {@link #valueEnd});
     * false for another value, or one that holds a control character (the parser refuses those).
     */
    private boolean string(JsonToken value) {
        return value == JsonToken.VALUE_STRING && stringAt(line.stringStart());
    }

    /** {@link #string} for a value whose characters start at {@code start} (-1: not known). */
    private boolean stringAt(int start) {
        if (start < 0) {
            return false;
        }
        int end = line.stringEnd(start);
        valueStart = start;
        valueEnd = end;
        return end >= 0;
    }

    /** The name of a known event type, as one string for all lines; null for any other value. */
    private String typeName(JsonToken value) {
        if (value != JsonToken.VALUE_STRING) {
            return null;
        }
        int start = line.stringStart();
        if (start >= 0 && line.stringIs(start, TYPE_BYTES[lastType])) {
            return TYPE_NAMES[lastType];
        }
        if (!stringAt(start)) {
            return null;
        }
        int found = line.stringIs(valueStart, TYPE_BYTES[typeBefore]) ? typeBefore : -1;
        for (int i = 0; found < 0 && i < TYPE_BYTES.length; i++) {
            found = line.stringIs(valueStart, TYPE_BYTES[i]) ? i : -1;
        }
        if (found < 0) {
            return null;
        }
        typeBefore = lastType;
        lastType = found;
        return TYPE_NAMES[lastType];
    }

    /** A time in the form the writer uses; any other is for the general reading. */
    private Instant instant(JsonToken value) {
        return string(value) ? instants.written(line.bytes(), valueStart, valueEnd - valueStart) : null;
    }

    /** A string value; null for another value. */
    private String text(JsonToken value) {
        return string(value)
                ? new String(line.bytes(), valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1) : null;
    }

    /**
     * A session id, as {@link #text} reads it, with its hash worked out here: the fold looks
     * every session up by it, and this runs on a thread of its own during a replay (see
     * {@link ReadAhead}).
     */
    private String session(JsonToken value) {
        String id = text(value);
        if (id != null) {
            id.hashCode();
        }
        return id;
    }

    /**
     * A name, as {@link #text} reads it, the same string as the last time it came: the field's
     * last name is tried first, without looking for the value's end (most lines repeat it), then
     * the slot of {@link #names} that the value's characters pick.
     */
    private String name(JsonToken value, int field) {
        if (value != JsonToken.VALUE_STRING) {
            return null;
        }
        int f = Integer.numberOfTrailingZeros(field);
        int start = line.stringStart();
        if (start >= 0 && lastBytes[f] != null && line.stringIs(start, lastBytes[f])) {
            return lastNames[f];
        }
        if (!stringAt(start)) {
            return null;
        }
        byte[] bytes = line.bytes();
        int length = valueEnd - valueStart;
        if (length == 0) {
            return "";
        }
        // A few characters pick the slot: the names of one history differ in length or in these.
        int end = valueEnd - 1;
        int hash = ((length * 31 + bytes[end]) * 31 + bytes[valueStart + length / 2]) * 31 + bytes[end - length / 4];
        int slot = (hash ^ hash >>> 9) & (NAMES - 1);
        if (nameBytes[slot] == null || !line.stringIs(valueStart, nameBytes[slot])) {
            names[slot] = new String(bytes, valueStart, length, StandardCharsets.ISO_8859_1);
            nameBytes[slot] = Arrays.copyOfRange(bytes, valueStart, valueEnd);
        }
        lastNames[f] = names[slot];
        lastBytes[f] = nameBytes[slot];
        return names[slot];
    }

    /** An array of non-blank strings, as the services of a server; null otherwise. */
    private List<String> names(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> names = new ArrayList<>(12);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            String name = name(t, SERVICES);
            if (name == null || name.isBlank()) {
                return null;
            }
            names.add(name);
        }
        return names;
    }

    private static boolean bool(JsonToken value) {
        return value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE;
    }

    /** The constant named {@code text} in any case, as the general reading finds it; null for none. */
    private static <E extends Enum<E>> E constant(E[] constants, String text) {
        if (text == null) {
            return null;
        }
        for (E constant : constants) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        return null;
    }
}
