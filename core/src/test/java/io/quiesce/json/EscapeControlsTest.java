package io.quiesce.json;

import io.quiesce.catalog.CatalogException;
import io.quiesce.catalog.CatalogLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text quoted in a message: control characters escaped as JSON writes them, everything else as it is. */
class EscapeControlsTest {
    @Test
    void controlsAndLineSeparatorsAreEscapedTheRestKept() {
        assertThat(Json.escapeControls("a\nb\r\tc\u0000\u001b\u007f\u0085\u2028\u2029")).isEqualTo(
                "a\\nb\\r\\tc\\u0000\\u001b\\u007f\\u0085\\u2028\\u2029");
        assertThat(Json.escapeControls("Lync Server Front-End \"é\" \\ \uD835\uDCEF")).isEqualTo(
                "Lync Server Front-End \"é\" \\ \uD835\uDCEF");
    }

    @Test
    void aCatalogMessageThatQuotesAKeyStaysOnOneLine() {
        assertThatThrownBy(() -> CatalogLoader.parse("{\"roles\":[],\"x\\ny\":1}", "c.json"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("c.json: the catalog has unknown field \"x\\ny\" (allowed: defaultRole, roles)");
    }
}
