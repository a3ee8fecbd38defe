package io.quiesce.formats.history;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Names are compared a word at a time, the last word overlapping: as byte by byte, at every length and offset. */
class LineParserTest {
    @Test
    void givenBytesThatDifferInAnyOnePlaceOrNoneThenSameSaysWhatAByteByByteLookSays() {
        Random random = new Random(7);
        for (int n = 0; n <= 40; n++) {
            for (int offset = 0; offset < 9; offset++) {
                byte[] text = new byte[n];
                random.nextBytes(text);
                byte[] bytes = new byte[offset + n + 3];
                random.nextBytes(bytes);
                System.arraycopy(text, 0, bytes, offset, n);

                assertThat(LineParser.same(bytes, offset, text)).as("length %d at %d", n, offset).isTrue();
                for (int at = 0; at < n; at++) {
                    byte[] other = bytes.clone();
                    other[offset + at] ^= (byte) (1 << random.nextInt(8));
                    boolean byteByByte = Arrays.equals(other, offset, offset + n, text, 0, n);

                    assertThat(LineParser.same(other, offset, text)).as("length %d at %d, byte %d", n, offset, at)
                            .isEqualTo(byteByByte).isFalse();
                }
            }
        }
    }
}
