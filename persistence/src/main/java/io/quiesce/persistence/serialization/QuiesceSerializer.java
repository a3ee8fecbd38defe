package io.quiesce.persistence.serialization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quiesce.event.Event;
import org.apache.pekko.serialization.SerializerWithStringManifest;

import java.io.IOException;
import java.io.NotSerializableException;

/**
 * Writes journal entries and snapshots as CBOR, with the stable name of {@link TypeNames} as the
 * manifest, so no Java class name is ever stored.
 */
public final class QuiesceSerializer extends SerializerWithStringManifest {
    /** Pekko reserves 0-40; this is ours for good. */
    public static final int IDENTIFIER = 7_341_001;

    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper(new CBORFactory());
        m.registerModule(new JavaTimeModule());
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // Newer versions may add fields; older readers ignore what they do not know.
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.addMixIn(Event.class, EventTypeMixin.class);
        TypeNames.all().forEach((name, type) -> {
            if (Event.class.isAssignableFrom(type)) {
                m.registerSubtypes(new NamedType(type, name));
            }
        });
        return m;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        return TypeNames.nameOf(o.getClass())
                .orElseThrow(() -> new IllegalArgumentException("no stable type name for " + o.getClass()));
    }

    @Override
    public byte[] toBinary(Object o) {
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + manifest(o), e);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        Class<?> type = TypeNames.classOf(manifest)
                .orElseThrow(() -> new NotSerializableException("unknown journal entry type " + manifest));
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            NotSerializableException failure = new NotSerializableException("cannot read a " + manifest
                    + " entry: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }
}
