package io.quiesce.formats.history;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines are split eight bytes at a time; what the splitter says of each line (its bytes, whether
 * it is ASCII) is what a byte-by-byte look says, wherever the line ends in the read buffer and
 * however the stream hands its bytes over.
 */
class Utf8LinesTest {
    /** Bytes that matter to the splitter, and é as UTF-8. */
    private static final byte[][] PIECES = {{'\n'}, {'\r'}, {'{'}, {'a'}, {' '}, {(byte) 0xC3, (byte) 0xA9}};

    record Line(String bytes, boolean ascii) {
    }

    @Test
    void givenRandomFilesThenEveryLineIsWhatAByteByByteLookSays() throws IOException {
        Random random = new Random(12);
        for (int file = 0; file < 400; file++) {
            byte[] bytes = randomFile(random, file % 50 == 0 ? 200_000 : random.nextInt(300));
            int chunk = 1 + random.nextInt(file % 2 == 0 ? 10 : 100_000);

            assertThat(split(new Dribble(bytes, chunk))).as("file %d in reads of %d", file, chunk)
                    .isEqualTo(expected(bytes));
        }
    }

    @Test
    void givenALineLongerThanTheBufferThenItIsOneLine() throws IOException {
        byte[] line = new byte[300_000];
        Arrays.fill(line, (byte) 'a');
        // é, as the last two bytes: the line is not ASCII
        line[299_998] = (byte) 0xC3;
        line[299_999] = (byte) 0xA9;

        assertThat(split(new ByteArrayInputStream(line))).containsExactly(new Line(new String(line,
                java.nio.charset.StandardCharsets.ISO_8859_1), false));
    }

    private static byte[] randomFile(Random random, int pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(4) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        for (int i = 0; i < pieces; i++) {
            // mostly plain bytes, so lines run across the eight-byte steps
            out.writeBytes(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)] : new byte[] {'b'});
        }
        return out.toByteArray();
    }

    private static List<Line> split(InputStream in) throws IOException {
        Utf8Lines lines = new Utf8Lines(in, "h.jsonl");
        List<Line> read = new ArrayList<>();
        while (lines.next()) {
            byte[] line = Arrays.copyOfRange(lines.bytes(), lines.start(), lines.start() + lines.length());
            read.add(new Line(new String(line, java.nio.charset.StandardCharsets.ISO_8859_1), lines.ascii()));
        }
        return read;
    }

    /** The lines of {@code bytes} found one byte at a time. */
    private static List<Line> expected(byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            start = 3;
        }
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length && from == bytes.length) {
                break;
            }
            if (i == bytes.length || bytes[i] == '\n') {
                int begin = lines.isEmpty() ? start : from;
                int end = i > begin && bytes[i - 1] == '\r' ? i - 1 : i;
                boolean ascii = true;
                for (int j = begin; j < end; j++) {
                    ascii &= bytes[j] >= 0;
                }
                lines.add(new Line(new String(bytes, begin, end - begin, java.nio.charset.StandardCharsets.ISO_8859_1),
                        ascii));
                from = i + 1;
            }
        }
        return lines;
    }

    /** A stream that hands over at most {@code chunk} bytes a read. */
    private static final class Dribble extends InputStream {
        private final byte[] bytes;
        private final int chunk;
        private int next;

        Dribble(byte[] bytes, int chunk) {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return next < bytes.length ? bytes[next++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (next == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, chunk), bytes.length - next);
            System.arraycopy(bytes, next, into, offset, n);
            next += n;
            return n;
        }
    }
}
