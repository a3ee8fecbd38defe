package io.quiesce.internal.persistence.serialization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.entity.PoolSnapshot;
import io.quiesce.internal.persistence.entity.RegistrySnapshot;
import io.quiesce.internal.persistence.entity.ServerSnapshot;
import io.quiesce.internal.persistence.entity.ServiceSnapshot;
import org.apache.pekko.serialization.SerializerWithStringManifest;

import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Writes journal entries and snapshots as CBOR, with the stable name of {@link TypeNames} as the
 * manifest, so no Java class name is ever stored.
 *
 * <p>Snapshots end with a CRC32C of their CBOR. LevelDB checksums the journal, but a snapshot is a
 * plain file: a damaged one could otherwise still parse, into a wrong state. A snapshot that fails
 * the check cannot be read, and the entity replays its events instead (they are always kept).
 */
public final class QuiesceSerializer extends SerializerWithStringManifest {
    /** Pekko reserves 0-40; this is ours for good. */
    public static final int IDENTIFIER = 7_341_001;

    private static final ObjectMapper MAPPER = mapper();
    private static final Set<String> SNAPSHOTS = Set.of(TypeNames.nameOf(ServiceSnapshot.class).orElseThrow(),
            TypeNames.nameOf(ServerSnapshot.class).orElseThrow(), TypeNames.nameOf(PoolSnapshot.class).orElseThrow(),
            TypeNames.nameOf(RegistrySnapshot.class).orElseThrow());
    private static final int CRC_BYTES = Integer.BYTES;

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper(new CBORFactory());
        m.registerModule(new JavaTimeModule());
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // Newer versions may add fields; older readers ignore what they do not know, and an older
        // entry read by a newer version leaves the new fields empty (0, null: each record says what
        // that means). Stated here, not left to defaults that differ between Jackson versions.
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        m.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.addMixIn(Event.class, EventTypeMixin.class);
        m.registerModule(new SessionModule());
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
        return toBinary(o, 0);
    }

    /**
     * The bytes of {@code o} after {@code room} bytes left free (zeros), in one array: the journal
     * puts its entry's header there, and so need not copy the entry once more.
     */
    public byte[] toBinary(Object o, int room) {
        byte[] session = SessionEntries.write(o, room);
        if (session != null) {
            return session;
        }
        byte[] general = general(o);
        if (room == 0) {
            return general;
        }
        byte[] roomy = new byte[room + general.length];
        System.arraycopy(general, 0, roomy, room, general.length);
        return roomy;
    }

    /** The bytes of {@code o} as the general writer makes them, for any entry or snapshot. */
    byte[] general(Object o) {
        try {
            byte[] cbor = MAPPER.writeValueAsBytes(o);
            if (!SNAPSHOTS.contains(manifest(o))) {
                return cbor;
            }
            return ByteBuffer.allocate(cbor.length + CRC_BYTES).put(cbor).putInt(crc(cbor, cbor.length)).array();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + manifest(o), e);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        Class<?> type = TypeNames.classOf(manifest)
                .orElseThrow(() -> new NotSerializableException("unknown journal entry type " + manifest));
        int length = bytes.length;
        if (SNAPSHOTS.contains(manifest)) {
            length -= CRC_BYTES;
            if (length < 0 || crc(bytes, length) != ByteBuffer.wrap(bytes, length, CRC_BYTES).getInt()) {
                throw new NotSerializableException("damaged " + manifest + ": checksum mismatch");
            }
        }
        try {
            return MAPPER.readValue(bytes, 0, length, type);
        } catch (IOException e) {
            NotSerializableException failure = new NotSerializableException("cannot read a " + manifest
                    + " entry: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
