package io.quiesce.formats.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
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
 * its characters are read here from the parser's bytes (the time, a name looked up without making
 * a string of it), and the parser steps over them. Each name is first matched against the one that
 * followed the previous name on the last line of the same type. Exported histories are hundreds
 * of thousands of such lines, and the general reading costs more than the parse.
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
    /** The names of the fields, by the number of each one's bit. */
    private static final String[] FIELDS = {"at", "type", "pool", "server", "service", "session", "feature", "by",
        "reason", "role", "coreService", "services", "deadline", "dnsLoadBalancing", "forced", "pauseCleared", "from",
        "to", "cause", "sessions"};
    /** The same, quoted, for the parser to match a name against one expected without reading it. */
    private static final SerializedString[] QUOTED = Arrays.stream(FIELDS).map(SerializedString::new)
            .toArray(SerializedString[]::new);
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
    /**
     * The field that came after each, by the line's type and the field's number: the next line of
     * the same type most likely has the same. The parser then needs only compare the next name's
     * bytes with it. The row {@code TYPE_NAMES.length} is for a line whose type is not known yet,
     * the column {@code FIELDS.length} for the first field of a line.
     */
    private final int[] after = new int[(TYPE_NAMES.length + 1) * (FIELDS.length + 1)];
    /** The last name of each field, by the number of its bit, and its bytes. */
    private final String[] lastNames = new String[FIELDS.length];
    private final byte[][] lastBytes = new byte[FIELDS.length][];
    /** The line being read. */
    private LineParser line;
    /**
     * Where the last string value found by {@link #string} is: {@code [valueStart, valueEnd)} of
     * {@code valueBytes}, the parser's buffer, or a copy when the value did not end in that buffer.
     */
    private byte[] valueBytes;
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
     * the line. The line must be ASCII, so that a string's bytes are its characters unless it
     * holds an escape (such a value is left to the general reading): its values are read from the
     * line's bytes, and the parser only finds them. A fault of the JSON itself ends in an exception
     * of the parser; the caller reads the line again too. It reads the object and nothing after
     * it: whether the line ends there is for the caller to check.
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
        int row = TYPE_NAMES.length;
        int before = FIELDS.length;
        while (true) {
            int guess = after[row * (FIELDS.length + 1) + before];
            int f;
            if (p.nextFieldName(QUOTED[guess])) {
                f = guess;
            } else if (p.currentToken() == JsonToken.FIELD_NAME) {
                f = number(p.currentName());
                if (f < 0) {
                    return null;
                }
                after[row * (FIELDS.length + 1) + before] = f;
            } else {
                return event();
            }
            int field = 1 << f;
            if ((seen & field) != 0 || field(p, field) == 0) {
                return null;
            }
            seen |= field;
            before = f;
            if (field == TYPE) {
                row = lastType;
            }
        }
    }

    /** The number of the field's bit; -1 for a name no event has. */
    private static int number(String name) {
        for (int i = 0; i < FIELDS.length; i++) {
            if (FIELDS[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads the value of the field whose bit is {@code field}; the bit, or 0 when the line is not for this reading. */
    private int field(JsonParser p, int field) throws IOException {
        JsonToken value = p.nextToken();
        return switch (field) {
            case AT -> present(at = instant(value), AT);
            case TYPE -> present(type = typeName(value), TYPE);
            case POOL -> present(pool = name(value, POOL), POOL);
            case SERVER -> present(server = name(value, SERVER), SERVER);
            case SERVICE -> present(service = name(value, SERVICE), SERVICE);
            case SESSION -> present(session = text(value), SESSION);
            case FEATURE -> present(feature = name(value, FEATURE), FEATURE);
            case ROLE -> present(role = name(value, ROLE), ROLE);
            case CORE_SERVICE -> present(coreService = name(value, CORE_SERVICE), CORE_SERVICE);
            // these three may be null, as if left out
            case BY -> value == JsonToken.VALUE_NULL ? BY : present(by = name(value, BY), BY);
            case REASON -> value == JsonToken.VALUE_NULL ? REASON : present(reason = text(value), REASON);
            case DEADLINE -> value == JsonToken.VALUE_NULL ? DEADLINE : present(deadline = instant(value), DEADLINE);
            case SERVICES -> present(services = names(p, value), SERVICES);
            case DNS_LOAD_BALANCING -> {
                dnsLoadBalancing = value == JsonToken.VALUE_TRUE;
                yield bool(value) ? DNS_LOAD_BALANCING : 0;
            }
            case FORCED -> {
                forced = value == JsonToken.VALUE_TRUE;
                yield bool(value) ? FORCED : 0;
            }
            case PAUSE_CLEARED -> {
                pauseCleared = value == JsonToken.VALUE_TRUE;
                yield bool(value) ? PAUSE_CLEARED : 0;
            }
            case FROM -> present(from = text(value), FROM);
            case TO -> present(to = text(value), TO);
            case CAUSE -> present(cause = text(value), CAUSE);
            case SESSIONS -> {
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
     * Finds the bytes of the string value the parser is at ({@link #valueBytes}, {@link #valueStart},
     * {@link #valueEnd}) and steps the parser over it; false for another value.
     */
    private boolean string(JsonToken token) throws IOException {
        return token == JsonToken.VALUE_STRING && stringAt(line.stringStart());
    }

    /**
     * {@link #string} for a value whose characters start at {@code start} of the parser's buffer
     * (-1: not known); false for a value with an escape or a control character, which the general
     * reading judges. A value that does not end in the buffer (a line longer than it) is read by
     * the parser.
     */
    private boolean stringAt(int start) throws IOException {
        if (start < 0) {
            return false;
        }
        int end = line.stringEnd(start);
        if (end == LineParser.ESCAPED) {
            return false;
        }
        if (end < 0) {
            String text = line.text();
            if (!plain(text)) {
                return false;
            }
            valueBytes = text.getBytes(StandardCharsets.ISO_8859_1);
            valueStart = 0;
            valueEnd = valueBytes.length;
            return true;
        }
        valueBytes = line.bytes();
        valueStart = start;
        valueEnd = end;
        line.skipTo(end);
        return true;
    }

    /**
     * Whether a value read by the parser is as its bytes in the line would be had they been in the
     * buffer: ASCII, no control character, and no character that only an escape can write (a
     * name kept to be matched against a line's bytes must not hold a quote).
     */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > 0x7F || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Whether the string value found by {@link #string} is {@code text}. */
    private boolean valueIs(byte[] text) {
        return valueEnd - valueStart == text.length && LineParser.same(valueBytes, valueStart, text);
    }

    /**
     * Whether the string value whose characters start at {@code start} is {@code text}, without
     * looking for its end first; if it is, the parser steps over it.
     */
    private boolean stringIs(int start, byte[] text) {
        if (start < 0 || text == null || !line.stringIs(start, text)) {
            return false;
        }
        line.skipTo(start + text.length);
        return true;
    }

    /** The name of a known event type, as one string for all lines; null for any other value. */
    private String typeName(JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            return null;
        }
        int start = line.stringStart();
        if (stringIs(start, TYPE_BYTES[lastType])) {
            return TYPE_NAMES[lastType];
        }
        if (!stringAt(start)) {
            return null;
        }
        int found = valueIs(TYPE_BYTES[typeBefore]) ? typeBefore : -1;
        for (int i = 0; found < 0 && i < TYPE_BYTES.length; i++) {
            found = valueIs(TYPE_BYTES[i]) ? i : -1;
        }
        if (found < 0) {
            return null;
        }
        typeBefore = lastType;
        lastType = found;
        return TYPE_NAMES[lastType];
    }

    /** A time in the form the writer uses; any other is for the general reading. */
    private Instant instant(JsonToken token) throws IOException {
        return string(token) ? instants.written(valueBytes, valueStart, valueEnd - valueStart) : null;
    }

    /** A string value; null for another value. */
    private String text(JsonToken token) throws IOException {
        return string(token) ? new String(valueBytes, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1)
                : null;
    }

    /**
     * A name, as {@link #text} reads it, the same string as the last time it came: the field's
     * last name is tried first, without looking for the value's end (most lines repeat it), then
     * the slot of {@link #names} that the value's characters pick.
     */
    private String name(JsonToken token, int field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            return null;
        }
        int f = Integer.numberOfTrailingZeros(field);
        int start = line.stringStart();
        if (stringIs(start, lastBytes[f])) {
            return lastNames[f];
        }
        if (!stringAt(start)) {
            return null;
        }
        int length = valueEnd - valueStart;
        if (length == 0) {
            return "";
        }
        // A few characters pick the slot: the names of one history differ in length or in these.
        byte[] bytes = valueBytes;
        int end = valueEnd - 1;
        int hash = ((length * 31 + bytes[end]) * 31 + bytes[valueStart + length / 2]) * 31 + bytes[end - length / 4];
        int slot = (hash ^ hash >>> 9) & (NAMES - 1);
        if (nameBytes[slot] == null || !valueIs(nameBytes[slot])) {
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
