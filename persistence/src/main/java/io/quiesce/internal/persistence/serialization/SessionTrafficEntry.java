package io.quiesce.internal.persistence.serialization;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.entity.DecisionRecorded;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The journal entry of session traffic (a decision that started or ended sessions on one service),
 * written straight to a CBOR generator: byte for byte what the serializer's mapper writes for it,
 * as a test checks, for a fraction of the mapper's work. Nearly every entry of a busy pool is one,
 * and writing them through the mapper cost a sixth of the library's CPU under session churn.
 * Anything else goes through the mapper; entries are read back through it too.
 */
final class SessionTrafficEntry {
    private static final String STARTED = TypeNames.nameOf(Event.SessionStarted.class).orElseThrow();
    private static final String ENDED = TypeNames.nameOf(Event.SessionEnded.class).orElseThrow();

    private SessionTrafficEntry() {
    }

    /** Whether {@code entry} is one this writes: a decision whose events all start or end a session. */
    static boolean writes(Object entry) {
        if (!(entry instanceof DecisionRecorded d) || d.events().isEmpty()) {
            return false;
        }
        for (Event e : d.events()) {
            if (!(e instanceof Event.SessionStarted) && !(e instanceof Event.SessionEnded)) {
                return false;
            }
        }
        return true;
    }

    /** The CBOR of an entry that {@link #writes} accepts, from {@code factory}, the mapper's own. */
    static byte[] write(DecisionRecorded d, CBORFactory factory) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(factory._getBufferRecycler());
             JsonGenerator g = factory.createGenerator(bytes)) {
            g.writeStartObject(d);
            g.writeFieldName("decision");
            g.writeNumber(d.decision());
            g.writeFieldName("intent");
            g.writeNumber(d.intent());
            g.writeFieldName("events");
            g.writeStartArray(d.events(), d.events().size());
            for (Event e : d.events()) {
                if (e instanceof Event.SessionStarted s) {
                    started(g, s);
                } else {
                    ended(g, (Event.SessionEnded) e);
                }
            }
            g.writeEndArray();
            // left out when 0 or false, as the entry's annotations say
            if (d.transaction() != 0) {
                g.writeFieldName("transaction");
                g.writeNumber(d.transaction());
            }
            if (d.parts() != 0) {
                g.writeFieldName("parts");
                g.writeNumber(d.parts());
            }
            if (d.inServerEntry()) {
                g.writeFieldName("inServerEntry");
                g.writeBoolean(true);
            }
            g.writeEndObject();
            g.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void started(JsonGenerator g, Event.SessionStarted s) throws IOException {
        g.writeStartObject(s);
        g.writeStringField("type", STARTED);
        g.writeStringField("at", s.at().toString());
        g.writeStringField("server", s.server());
        g.writeStringField("service", s.service());
        g.writeStringField("session", s.session());
        g.writeStringField("feature", s.feature());
        g.writeStringField("by", s.by());
        g.writeEndObject();
    }

    private static void ended(JsonGenerator g, Event.SessionEnded s) throws IOException {
        g.writeStartObject(s);
        g.writeStringField("type", ENDED);
        g.writeStringField("at", s.at().toString());
        g.writeStringField("server", s.server());
        g.writeStringField("service", s.service());
        g.writeStringField("session", s.session());
        g.writeStringField("by", s.by());
        g.writeEndObject();
    }
}
