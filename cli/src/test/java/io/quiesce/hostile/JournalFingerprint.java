package io.quiesce.hostile;

import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a data directory has recorded: every entry of its journal, read through LevelDB, and the
 * bytes of every snapshot.
 *
 * <p>Not the journal's files. Measured on opens that record nothing ({@code status}): LevelDB
 * rewrites its {@code LOG}, starts a new {@code MANIFEST-n} and points {@code CURRENT} at it,
 * moves to a new write-ahead log, turns the previous one into a table if it held anything, and,
 * once four such tables pile up, merges them in the background; the library opens the journal
 * twice (a check, then Pekko). So file names and contents change on any open, at moments no
 * test controls, while the entries stay the same; an entry is what a refused command must not add.
 */
record JournalFingerprint(long entries, String digest, List<String> snapshots) {
    static JournalFingerprint of(Path data) {
        MessageDigest sha = sha256();
        long entries = 0;
        try (DB db = JniDBFactory.factory.open(data.resolve("journal").toFile(), new Options().createIfMissing(false));
             DBIterator all = db.iterator()) {
            for (all.seekToFirst(); all.hasNext(); all.next()) {
                Map.Entry<byte[], byte[]> entry = all.peekNext();
                for (byte[] part : List.of(entry.getKey(), entry.getValue())) {
                    sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
                    sha.update(part);
                }
                entries++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JournalFingerprint(entries, HexFormat.of().formatHex(sha.digest()), snapshots(data));
    }

    private static List<String> snapshots(Path data) {
        try (Stream<Path> files = Files.walk(data.resolve("snapshots"))) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName() + " " + digest(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
