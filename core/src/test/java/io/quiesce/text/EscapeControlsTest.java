package io.quiesce.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Text quoted in a message: control characters escaped as JSON writes them, everything else as it is. */
class EscapeControlsTest {
    @Test
    void controlsAndLineSeparatorsAreEscapedTheRestKept() {
        assertThat(OneLine.escapeControls("a\nb\r\tc\u0000\u001b\u007f\u0085\u2028\u2029")).isEqualTo(
                "a\\nb\\r\\tc\\u0000\\u001b\\u007f\\u0085\\u2028\\u2029");
        assertThat(OneLine.escapeControls("Lync Server Front-End \"é\" \\ \uD835\uDCEF")).isEqualTo(
                "Lync Server Front-End \"é\" \\ \uD835\uDCEF");
    }
}
