package io.quiesce.internal.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Tells a crash's torn write from damage in LevelDB's write-ahead logs. The LevelDB of leveldbjni
 * 1.8 writes its log through a memory-mapped, zero-filled region; a process killed while it copies
 * a record in leaves that record torn, followed only by zeros. LevelDB's paranoid checks call that
 * a checksum mismatch, like any damage, though it is only the tail of a write nobody was told had
 * happened. A log is read here record by record (32 KiB blocks; each record a masked CRC32C of its
 * type and data, a two-byte length and a type byte, then the data).
 */
final class LogTail {
    private static final int BLOCK = 32 * 1024;
    private static final int HEADER = 7;
    private static final int MASK_DELTA = 0xa282ead8;

    private LogTail() {
    }

    /** Whether every log of the journal reads whole but for, at most, a torn last record followed only by zeros. */
    static boolean onlyTornTails(Path journal) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(journal)) {
            logs = files.filter(p -> p.getFileName().toString().matches("\\d+\\.log")).toList();
        }
        for (Path log : logs) {
            if (!wholeButATornTail(Files.readAllBytes(log))) {
                return false;
            }
        }
        return true;
    }

    static boolean wholeButATornTail(byte[] log) {
        int pos = 0;
        while (pos < log.length) {
            int leftInBlock = BLOCK - pos % BLOCK;
            if (leftInBlock < HEADER) {
                pos += leftInBlock; // a block's trailer
                continue;
            }
            if (pos + HEADER > log.length) {
                return zerosFrom(log, pos);
            }
            int length = (log[pos + 4] & 0xff) | (log[pos + 5] & 0xff) << 8;
            int type = log[pos + 6] & 0xff;
            if (type == 0 && length == 0) {
                // Where writing stopped: the rest of the region must never have been written.
                return zerosFrom(log, pos + HEADER);
            }
            int end = pos + HEADER + length;
            if (length > leftInBlock - HEADER || end > log.length) {
                return false; // a length no writer wrote: the header itself is damaged
            }
            if (!checksumHolds(log, pos, length)) {
                // Torn: the data was copied in order and stopped short, so its last byte was never
                // written, and nothing was written after it.
                return (length == 0 || log[end - 1] == 0) && end < log.length && zerosFrom(log, end);
            }
            pos = end;
        }
        return true;
    }

    private static boolean checksumHolds(byte[] log, int pos, int length) {
        CRC32C crc = new CRC32C();
        crc.update(log, pos + 6, 1 + length); // the type byte, then the data
        int stored = (log[pos] & 0xff) | (log[pos + 1] & 0xff) << 8 | (log[pos + 2] & 0xff) << 16
                | (log[pos + 3] & 0xff) << 24;
        int rot = stored - MASK_DELTA;
        return ((rot >>> 17) | (rot << 15)) == (int) crc.getValue();
    }

    private static boolean zerosFrom(byte[] log, int from) {
        for (int i = from; i < log.length; i++) {
            if (log[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
