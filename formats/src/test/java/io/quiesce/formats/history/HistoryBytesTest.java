package io.quiesce.formats.history;

import io.quiesce.history.*;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A history file read as bytes: its lines as JSON Lines counts them, and faults on the line that holds them. */
class HistoryBytesTest {
    static final String POOL = "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"createPool\",\"pool\":\"pool1\"}";

    static List<Integer> lineNumbers(byte[] bytes) {
        List<Integer> numbers = new ArrayList<>();
        HistoryReader.ofUtf8(new ByteArrayInputStream(bytes), "h.jsonl", "Administrators")
                .forEach(line -> numbers.add(line.number()));
        return numbers;
    }

    @Test
    void linesEndAtNewlinesWithOrWithoutCarriageReturnsAndBlankOnesCount() {
        String text = POOL + "\r\n\n  \n" + POOL.replace("pool1", "pool2") + "\n" + POOL.replace("pool1", "pool3");
        assertThat(lineNumbers(text.getBytes(StandardCharsets.UTF_8))).containsExactly(1, 4, 5);
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsIgnored() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(bom);
        file.writeBytes((POOL + "\n" + POOL.replace("pool1", "pool2") + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(lineNumbers(file.toByteArray())).containsExactly(1, 2);

        List<HistoryLine> read = new ArrayList<>();
        new HistoryReader(new java.io.BufferedReader(new java.io.StringReader("\uFEFF" + POOL)), "h.jsonl",
                "Administrators").forEach(read::add);
        assertThat(read).singleElement().extracting(HistoryLine::number).isEqualTo(1);
    }

    @Test
    void aByteOrderMarkAnywhereElseIsNotWhitespace() {
        byte[] text = (POOL + "\n\uFEFF" + POOL.replace("pool1", "pool2")).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> lineNumbers(text)).isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("h.jsonl:2: not valid JSON");
    }

    @Test
    void aCarriageReturnInsideALineIsWhitespaceNotTheEndOfIt() {
        String text = POOL.replace(",\"pool\"", ",\r\"pool\"") + "\n";
        assertThat(lineNumbers(text.getBytes(StandardCharsets.UTF_8))).containsExactly(1);
    }

    @Test
    void bytesThatAreNotUtf8AreReportedOnTheirLineEvenFarIntoTheFile() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            file.writeBytes((POOL.replace("pool1", "pool" + i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        file.writeBytes(POOL.replace("pool1", "p\u00e9ol").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> lineNumbers(file.toByteArray())).isInstanceOf(HistoryException.class)
                .hasMessage("h.jsonl:501: not UTF-8 text");
    }

    @Test
    void aPauseDeadlineThatEndsPastTheLastInstantIsAFaultOfTheLine() {
        String line = "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"pause\",\"server\":\"fe01\",\"deadline\":\"%s\"}";
        assertThat(lineNumbers(line.formatted("PT30M").getBytes(StandardCharsets.UTF_8))).containsExactly(1);
        assertThatThrownBy(() -> lineNumbers(line.formatted("P106751991167300D").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(HistoryException.class).hasMessage("h.jsonl:1: \"deadline\" P106751991167300D after"
                        + " 2026-11-26T10:00:00Z ends past the last instant there is");
    }

    @Test
    void controlCharactersQuotedFromTheFileKeepTheMessageOnOneLine() {
        String line = "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"end\",\"session\":\"s1\",\"a\\nb\\u001b[0m\":1}";
        assertThatThrownBy(() -> lineNumbers(line.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(HistoryException.class)
                .hasMessage("h.jsonl:1: end has unknown field \"a\\nb\\u001b[0m\" (allowed: command, at, as, groups, reason, session)")
                .satisfies(e -> assertThat(((HistoryException) e).reason()).isEqualTo(
                        "end has unknown field \"a\\nb\\u001b[0m\" (allowed: command, at, as, groups, reason, session)"));
    }
}
