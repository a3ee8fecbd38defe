package io.quiesce.formats.history;

import io.quiesce.history.HistoryException;
import io.quiesce.history.HistoryLine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lines read on a thread of their own come in file order, and so does the error that ended the reading. */
class ReadAheadTest {
    static final String POOL = HistoryBytesTest.POOL;

    static HistoryReader reader(String text) {
        return HistoryReader.ofUtf8(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "h.jsonl",
                "Administrators");
    }

    static String lines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append(POOL.replace("pool1", "pool" + i)).append('\n');
        }
        return text.toString();
    }

    @Test
    void givenMoreLinesThanABatch_whenReadAhead_thenEveryLineComesOnceInFileOrder() {
        List<Integer> numbers = new ArrayList<>();
        try (ReadAhead ahead = new ReadAhead(reader(lines(5000)))) {
            ahead.forEach(line -> numbers.add(line.number()));
        }
        assertThat(numbers).hasSize(5000).isSorted().doesNotHaveDuplicates();
        assertThat(numbers.get(4999)).isEqualTo(5000);
    }

    @Test
    void givenABadLineFarIntoTheFile_whenReadAhead_thenTheLinesBeforeItComeFirstThenItsError() {
        String text = lines(3000) + "{not json\n" + lines(10);
        List<Integer> numbers = new ArrayList<>();
        try (ReadAhead ahead = new ReadAhead(reader(text))) {
            assertThatThrownBy(() -> ahead.forEach(line -> numbers.add(line.number())))
                    .isInstanceOf(HistoryException.class).hasMessageStartingWith("h.jsonl:3001: not valid JSON");
        }
        assertThat(numbers).hasSize(3000);
    }

    @Test
    void givenAReaderStoppedEarly_whenClosed_thenItsThreadEnds() throws Exception {
        ReadAhead ahead = new ReadAhead(reader(lines(20000)));
        Iterator<HistoryLine> lines = ahead.iterator();
        assertThat(lines.next().number()).isEqualTo(1);
        ahead.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("quiesce-history-reader")
                && t.isAlive());
    }

    @Test
    void givenAReaderThatDiesOfAnError_whenReadAhead_thenTheLinesBeforeComeAndThenAFailureNotAWaitForEver() {
        List<HistoryLine> two = new ArrayList<>();
        reader(lines(2)).forEach(two::add);
        Iterable<HistoryLine> dying = () -> new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                if (given == two.size()) {
                    throw new AssertionError("made by the test");
                }
                return true;
            }

            @Override
            public HistoryLine next() {
                return two.get(given++);
            }
        };
        List<Integer> numbers = new ArrayList<>();
        try (ReadAhead ahead = new ReadAhead(dying)) {
            assertThatThrownBy(() -> ahead.forEach(line -> numbers.add(line.number())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("made by the test");
        }
        assertThat(numbers).containsExactly(1, 2);
    }
}
