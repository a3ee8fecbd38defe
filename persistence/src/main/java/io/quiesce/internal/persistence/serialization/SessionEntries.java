package io.quiesce.internal.persistence.serialization;

import io.quiesce.event.Event;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.formats.json.Instants;
import io.quiesce.internal.persistence.entity.DecisionRecorded;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The journal entry of a session's start or end, encoded straight to CBOR: the same bytes as the
 * general writer (Jackson's data binding) makes, without its per-object lookups, generator and
 * general instant formatter. Nearly every entry of a busy pool is one of these, and the general
 * writer took about a sixth of the library's Java CPU under session churn. What it does not
 * know Jackson's encoding of (another entry, a negative number, a string with a surrogate or of
 * over {@value #MAX_CHARS} characters, a year outside 0 to 9999) it leaves to the general writer.
 */
final class SessionEntries {
    /** Jackson writes a string this long or shorter with its length up front; much longer ones in chunks. */
    private static final int MAX_CHARS = 1_000;
    private static final int MAJOR_TEXT = 3 << 5;
    private static final int MAJOR_ARRAY = 4 << 5;
    private static final int START_MAP = 0xbf;
    private static final int BREAK = 0xff;
    private static final int TRUE = 0xf5;
    private static final int NULL = 0xf6;
    private static final String STARTED = TypeNames.nameOf(SessionStarted.class).orElseThrow();
    private static final String ENDED = TypeNames.nameOf(SessionEnded.class).orElseThrow();

    /** One writer per thread, its buffer kept from entry to entry: the journal writes one entry after another. */
    private static final ThreadLocal<SessionEntries> WRITERS = ThreadLocal.withInitial(SessionEntries::new);

    private byte[] out = new byte[256];
    private int n;
    private final byte[] instant = new byte[Instants.MAX_WRITTEN];

    private SessionEntries() {
    }

    /**
     * The CBOR of {@code o} when it is a decision of session starts and ends only, after {@code room}
     * bytes left for the caller (zeros); null otherwise.
     */
    static byte[] write(Object o, int room) {
        if (!(o instanceof DecisionRecorded d) || d.events().isEmpty() || d.decision() < 0 || d.intent() < 0
                || d.transaction() < 0 || d.parts() < 0) {
            return null;
        }
        for (Event e : d.events()) {
            if (!(e instanceof SessionStarted) && !(e instanceof SessionEnded)) {
                return null;
            }
        }
        SessionEntries w = WRITERS.get();
        w.n = room;
        w.ensure(0);
        Arrays.fill(w.out, 0, room, (byte) 0);
        return w.entry(d) ? Arrays.copyOf(w.out, w.n) : null;
    }

    /** Fields in the order the general writer takes them: the record's, an event's type first. */
    private boolean entry(DecisionRecorded d) {
        put(START_MAP);
        text("decision");
        number(d.decision());
        text("intent");
        number(d.intent());
        text("events");
        List<Event> events = d.events();
        head(MAJOR_ARRAY, events.size());
        for (Event e : events) {
            put(START_MAP);
            boolean written;
            if (e instanceof SessionStarted s) {
                written = event(STARTED, s.at(), s.server(), s.service(), s.session())
                        && text("feature") && text(s.feature()) && text("by") && text(s.by());
            } else {
                SessionEnded s = (SessionEnded) e;
                written = event(ENDED, s.at(), s.server(), s.service(), s.session()) && text("by") && text(s.by());
            }
            if (!written) {
                return false;
            }
            put(BREAK);
        }
        // Left out when 0 or false, as the record's annotations tell the general writer.
        if (d.transaction() != 0) {
            text("transaction");
            number(d.transaction());
        }
        if (d.parts() != 0) {
            text("parts");
            number(d.parts());
        }
        if (d.inServerEntry()) {
            text("inServerEntry");
            put(TRUE);
        }
        put(BREAK);
        return true;
    }

    private boolean event(String type, Instant at, String server, String service, String session) {
        return text("type") && text(type) && text("at") && instant(at) && text("server") && text(server)
                && text("service") && text(service) && text("session") && text(session);
    }

    private boolean instant(Instant at) {
        if (at == null) {
            put(NULL);
            return true;
        }
        int length = Instants.write(at, instant, 0);
        if (length < 0) {
            return false;
        }
        head(MAJOR_TEXT, length);
        ensure(length);
        System.arraycopy(instant, 0, out, n, length);
        n += length;
        return true;
    }

    /** A string with its UTF-8 length up front, or false when Jackson might write it otherwise. */
    private boolean text(String s) {
        if (s == null) {
            put(NULL);
            return true;
        }
        int length = s.length();
        if (length > MAX_CHARS) {
            return false;
        }
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            head(MAJOR_TEXT, length);
            ensure(length);
            for (int i = 0; i < length; i++) {
                out[n++] = (byte) s.charAt(i);
            }
            return true;
        }
        for (int i = 0; i < length; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        head(MAJOR_TEXT, utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, out, n, utf8.length);
        n += utf8.length;
        return true;
    }

    /** A number not below 0: as Jackson writes a long, in the fewest bytes when it fits an int, else in eight. */
    private void number(long value) {
        if (value <= Integer.MAX_VALUE) {
            head(0, (int) value);
        } else {
            ensure(9);
            out[n++] = 27;
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[n++] = (byte) (value >>> shift);
            }
        }
    }

    /** A major type with a count (not below 0) in the fewest bytes. */
    private void head(int major, int count) {
        ensure(5);
        if (count < 24) {
            out[n++] = (byte) (major | count);
        } else if (count < 0x100) {
            out[n++] = (byte) (major | 24);
            out[n++] = (byte) count;
        } else if (count < 0x10000) {
            out[n++] = (byte) (major | 25);
            out[n++] = (byte) (count >>> 8);
            out[n++] = (byte) count;
        } else {
            out[n++] = (byte) (major | 26);
            out[n++] = (byte) (count >>> 24);
            out[n++] = (byte) (count >>> 16);
            out[n++] = (byte) (count >>> 8);
            out[n++] = (byte) count;
        }
    }

    private void put(int b) {
        ensure(1);
        out[n++] = (byte) b;
    }

    private void ensure(int more) {
        if (n + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, n + more));
        }
    }
}
