package io.quiesce.formats.catalog;

import io.quiesce.catalog.CatalogException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A message about a catalog quotes what it read, on one line. */
class CatalogMessageTest {
    @Test
    void aCatalogMessageThatQuotesAKeyStaysOnOneLine() {
        assertThatThrownBy(() -> CatalogLoader.parse("{\"roles\":[],\"x\\ny\":1}", "c.json"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("c.json: the catalog has unknown field \"x\\ny\" (allowed: defaultRole, roles)");
    }
}
