package io.quiesce.internal.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * What a clean close vouches for. After the journal closed without error, its files are synced and
 * their names, sizes and CRC32C written to {@code clean-close}; an opening that finds the journal
 * byte for byte so need not step through every block again (much slower than a checksum of the
 * files; LevelDB still checks each block it reads later). Any change since, a damaged byte or a
 * file gone, fails the match, and the whole journal is read as ever. Opening removes the mark
 * before it writes anything, and LevelDB starts a new log and manifest on every opening, so after
 * a crash the files never match a mark either.
 */
final class CleanClose {
    static final String MARK = "clean-close";

    private CleanClose() {
    }

    /** Syncs the journal's files, then records them. Failing is harmless: the next opening reads everything. */
    static void record(Path root, Path journal) {
        try {
            for (Path file : files(journal)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
            Path mark = root.resolve(MARK);
            Files.writeString(mark, listing(journal), StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(mark, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        } catch (IOException e) {
            forget(root);
        }
    }

    /** Whether the journal is as the last clean close left it; the mark is removed either way. */
    static boolean vouchesFor(Path root, Path journal) {
        Path mark = root.resolve(MARK);
        try {
            if (!Files.exists(mark)) {
                return false;
            }
            return Files.readString(mark, StandardCharsets.UTF_8).equals(listing(journal));
        } catch (IOException e) {
            return false;
        } finally {
            forget(root);
        }
    }

    static void forget(Path root) {
        try {
            Files.deleteIfExists(root.resolve(MARK));
        } catch (IOException e) {
            // Left in place it still matches nothing once LevelDB has opened again.
        }
    }

    private static List<Path> files(Path journal) throws IOException {
        try (Stream<Path> entries = Files.list(journal)) {
            // LevelDB's lock and its text log change without saying anything about the data.
            return entries.filter(p -> !p.getFileName().toString().equals("LOCK")
                    && !p.getFileName().toString().startsWith("LOG")).sorted().toList();
        }
    }

    private static long crc(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return crc.getValue();
    }

    private static String listing(Path journal) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path file : files(journal)) {
            b.append(file.getFileName()).append(' ').append(Files.size(file)).append(' ')
                    .append(Long.toHexString(crc(file))).append('\n');
        }
        return b.toString();
    }
}
