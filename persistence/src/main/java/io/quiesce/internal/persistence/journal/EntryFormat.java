package io.quiesce.internal.persistence.journal;

import io.quiesce.internal.persistence.serialization.QuiesceSerializer;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.PersistentRepr$;
import org.apache.pekko.persistence.serialization.MessageFormats.PersistentMessage;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializerWithStringManifest;

import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a journal entry. Quiesce's own entries are written compact: a zero byte, the
 * sequence number (8 bytes), the payload's type name (a length byte, then ASCII), then the payload
 * as {@link QuiesceSerializer} writes it. Anything else, and every entry written before this form,
 * is Pekko's serialized persistent message, which never starts with a zero byte (its first byte is
 * a field tag). The compact form leaves out what Pekko's repeats in every entry: the entity's id
 * (the key holds it), the writer's id (one process at a time writes a directory) and the write's
 * time (the events hold theirs). An entry of Quiesce's takes about a quarter fewer bytes, and every
 * byte less is less for each commit to sync.
 */
public final class EntryFormat {
    private static final byte COMPACT = 0;
    /** The zero byte, the sequence number and the type name's length. */
    private static final int HEADER = 1 + Long.BYTES + 1;
    private static final QuiesceSerializer SERIALIZER = new QuiesceSerializer();

    private EntryFormat() {
    }

    /** The entry's bytes; throws what serializing its payload throws. Who sent the event is not kept. */
    static byte[] write(PersistentRepr repr, Serialization serialization) throws Exception {
        Object payload = repr.payload();
        // The serializer configured under Quiesce's identifier: a test may put another in its place.
        if (!repr.manifest().isEmpty() || repr.metadata().isDefined() || repr.deleted()
                || !(serialization.findSerializerFor(payload) instanceof SerializerWithStringManifest ours)
                || ours.identifier() != QuiesceSerializer.IDENTIFIER) {
            return pekkoForm(repr, serialization);
        }
        byte[] type = ours.manifest(payload).getBytes(StandardCharsets.US_ASCII);
        if (type.length > 0xff) {
            return pekkoForm(repr, serialization); // its length would not fit in a byte
        }
        int room = HEADER + type.length;
        byte[] entry;
        if (ours instanceof QuiesceSerializer quiesce) {
            entry = quiesce.toBinary(payload, room);
        } else {
            byte[] body = ours.toBinary(payload);
            entry = new byte[room + body.length];
            System.arraycopy(body, 0, entry, room, body.length);
        }
        ByteBuffer.wrap(entry).put(COMPACT).putLong(repr.sequenceNr()).put((byte) type.length).put(type);
        return entry;
    }

    /** Pekko's serialized persistent message, without its sender (as Pekko's journals store it). */
    private static byte[] pekkoForm(PersistentRepr repr, Serialization serialization) throws Exception {
        PersistentRepr unsent = repr.update(repr.sequenceNr(), repr.persistenceId(), repr.deleted(),
                ActorRef.noSender(), repr.writerUuid());
        return serialization.serialize(unsent).get();
    }

    /** The persistent message of entity {@code persistenceId} that {@code bytes} hold. */
    static PersistentRepr read(byte[] bytes, String persistenceId, Serialization serialization) throws Exception {
        if (bytes.length == 0 || bytes[0] != COMPACT) {
            return serialization.deserialize(bytes, PersistentRepr.class).get();
        }
        String type = type(bytes);
        Object payload = serialization.deserialize(body(bytes, type), QuiesceSerializer.IDENTIFIER, type).get();
        long sequenceNr = ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong();
        return PersistentRepr$.MODULE$.apply(payload, sequenceNr, persistenceId, "", false, ActorRef.noSender(), "");
    }

    /** The payload of an entry of Quiesce's, in either form, read with no actor system. */
    public static Object payload(byte[] bytes) throws NotSerializableException {
        if (bytes.length == 0 || bytes[0] != COMPACT) {
            PersistentMessage message;
            try {
                message = PersistentMessage.parseFrom(bytes);
            } catch (IOException e) {
                throw damaged(e);
            }
            if (message.getPayload().getSerializerId() != QuiesceSerializer.IDENTIFIER) {
                throw new NotSerializableException("journal entry " + message.getPersistenceId() + " #"
                        + message.getSequenceNr() + " is not one of Quiesce's");
            }
            return SERIALIZER.fromBinary(message.getPayload().getPayload().toByteArray(),
                    message.getPayload().getPayloadManifest().toStringUtf8());
        }
        String type = type(bytes);
        return SERIALIZER.fromBinary(body(bytes, type), type);
    }

    /** The type name of a compact entry; refuses one cut short. */
    private static String type(byte[] compact) throws NotSerializableException {
        if (compact.length < HEADER || compact.length < HEADER + (compact[HEADER - 1] & 0xff)) {
            throw new NotSerializableException("a journal entry is cut short");
        }
        return new String(compact, HEADER, compact[HEADER - 1] & 0xff, StandardCharsets.US_ASCII);
    }

    private static byte[] body(byte[] compact, String type) {
        return Arrays.copyOfRange(compact, HEADER + type.length(), compact.length);
    }

    private static NotSerializableException damaged(IOException e) {
        NotSerializableException failure = new NotSerializableException("a journal entry cannot be read: "
                + e.getMessage());
        failure.initCause(e);
        return failure;
    }
}
