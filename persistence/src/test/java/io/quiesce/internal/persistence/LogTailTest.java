package io.quiesce.internal.persistence;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/** A LevelDB log that is whole but for a torn last record is told apart from a damaged one. */
class LogTailTest {
    static final int FULL = 1;

    /** One record as LevelDB writes it: masked CRC32C of type and data, length, type, data. */
    static byte[] record(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(FULL);
        crc.update(data);
        int value = (int) crc.getValue();
        int masked = ((value >>> 15) | (value << 17)) + 0xa282ead8;
        byte[] out = new byte[7 + data.length];
        out[0] = (byte) masked;
        out[1] = (byte) (masked >>> 8);
        out[2] = (byte) (masked >>> 16);
        out[3] = (byte) (masked >>> 24);
        out[4] = (byte) data.length;
        out[5] = (byte) (data.length >>> 8);
        out[6] = FULL;
        System.arraycopy(data, 0, out, 7, data.length);
        return out;
    }

    /** The record as a killed writer leaves it: the header and part of the data, the rest zeros. */
    static byte[] torn(String text) {
        byte[] whole = record(text);
        byte[] out = new byte[whole.length];
        System.arraycopy(whole, 0, out, 0, 7 + (whole.length - 7) / 2);
        return out;
    }

    static byte[] log(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void givenWholeRecords_thenTheLogIsWhole() {
        assertThat(LogTail.wholeButATornTail(log(record("one"), record("two"), new byte[500]))).isTrue();
    }

    @Test
    void givenATornLastRecordFollowedByZeros_thenItIsACrashNotDamage() {
        assertThat(LogTail.wholeButATornTail(log(record("one"), torn("the write being made"), new byte[500])))
                .isTrue();
    }

    @Test
    void givenABadRecordFollowedByAWholeOne_thenItIsDamage() {
        assertThat(LogTail.wholeButATornTail(log(record("one"), torn("in the middle"), record("three")))).isFalse();
    }

    @Test
    void givenAChangedByteInARecord_thenItIsDamage() {
        byte[] log = log(record("one"), record("two"), record("three"));
        log[9] ^= 1;

        assertThat(LogTail.wholeButATornTail(log)).isFalse();
    }

    @Test
    void givenSomethingWrittenAfterTheZerosWhereWritingStopped_thenItIsDamage() {
        byte[] log = log(record("one"), new byte[300]);
        log[log.length - 1] = 42;

        assertThat(LogTail.wholeButATornTail(log)).isFalse();
    }

    @Test
    void givenRecordsAcrossBlocks_thenTrailersAreSkipped() {
        byte[] filler = record("x".repeat(32 * 1024 - 7 - 3)); // leaves 3 bytes of the first block
        byte[] log = log(filler, new byte[3], record("in the second block"), new byte[100]);

        assertThat(LogTail.wholeButATornTail(log)).isTrue();
    }

    @Test
    void givenALastRecordChangedInAClosedLog_thenItIsDamageNotATornWrite() {
        byte[] log = log(record("one"), record("the last write, acknowledged"));
        log[log.length - 5] ^= 1;

        assertThat(LogTail.wholeButATornTail(log)).isFalse();
        assertThat(LogTail.wholeButATornTail(log(log, new byte[100]))).as("its last byte was written").isFalse();
    }

    @Test
    void givenALengthNoWriterWrote_thenItIsDamage() {
        byte[] log = log(record("one"), record("two"), new byte[100]);
        log[record("one").length + 5] = (byte) 0xff; // the second record now claims 65,280 more bytes

        assertThat(LogTail.wholeButATornTail(log)).isFalse();
    }
}
