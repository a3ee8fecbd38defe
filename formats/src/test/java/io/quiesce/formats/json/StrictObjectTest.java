package io.quiesce.formats.json;

import com.fasterxml.jackson.core.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one strict reader of catalogs and history lines: typed reads, and nothing unread let through. */
class StrictObjectTest {
    private static StrictObject read(String json) throws IOException {
        try (JsonParser p = JsonText.parser(json)) {
            p.nextToken();
            return StrictObject.read(p, "end");
        }
    }

    @Test
    void givenFieldsNobodyAskedFor_whenTheRestIsRefused_thenTheFirstIsNamedWithTheAllowedOnes() throws IOException {
        StrictObject line = read("{\"session\":\"s1\",\"sesion\":\"s1\"}");
        line.string("session");
        line.has("as");

        assertThatThrownBy(line::refuseOthers).isInstanceOf(ShapeException.class)
                .hasMessage("end has unknown field \"sesion\" (allowed: session, as)");
    }

    @Test
    void givenMoreThanSixtyFourFields_whenAllAreRead_thenNoneIsRefused() throws IOException {
        String json = IntStream.range(0, 70).mapToObj(i -> "\"f" + i + "\":\"v\"")
                .collect(Collectors.joining(",", "{", "}"));
        StrictObject o = read(json);
        IntStream.range(0, 70).forEach(i -> assertThat(o.string("f" + i)).isEqualTo("v"));

        o.refuseOthers();
        StrictObject partly = read(json);
        IntStream.range(0, 69).forEach(i -> partly.string("f" + i));
        assertThatThrownBy(partly::refuseOthers).hasMessageStartingWith("end has unknown field \"f69\"");
    }

    @Test
    void givenAKeyTwiceInALargeObject_whenRead_thenItIsRefusedWhereItRepeats() {
        String json = IntStream.range(0, 40).mapToObj(i -> "\"f" + i + "\":1")
                .collect(Collectors.joining(",", "{", ",\"f7\":2}"));
        assertThatThrownBy(() -> JsonText.parse(json)).isInstanceOf(JsonException.class)
                .hasMessageEndingWith("duplicate key \"f7\"");
        assertThatThrownBy(() -> read(json)).hasMessageContaining("duplicate key \"f7\"");
    }

    @Test
    void givenOptionalTextThatIsNullOrAbsent_whenRead_thenItIsNullButRequiredTextIsMissing() throws IOException {
        StrictObject o = read("{\"by\":null,\"server\":\"\"}");
        assertThat(o.optionalText("by")).isNull();
        assertThat(o.optionalText("reason")).isNull();
        assertThat(o.text("server")).isEmpty();
        assertThatThrownBy(() -> o.string("server")).hasMessage("end: \"server\" must not be blank");
        assertThatThrownBy(() -> o.text("by")).hasMessage("end has no \"by\"");
    }

    @Test
    void givenValuesOfTheWrongKind_whenRead_thenTheMessageSaysWhatWasThere() throws IOException {
        StrictObject o = read("{\"at\":\"yesterday\",\"forced\":\"yes\",\"services\":[\"a\",7],\"cause\":\"BOREDOM\"}");
        assertThatThrownBy(() -> o.instant("at")).hasMessage("end: \"at\" is not an ISO-8601 instant: yesterday");
        assertThatThrownBy(() -> o.bool("forced")).hasMessage("end: \"forced\" must be a boolean, not a string");
        assertThatThrownBy(() -> o.strings("services"))
                .hasMessage("end: \"services\" entry 2 must be a string, not a number");
        assertThatThrownBy(() -> o.constant("cause", io.quiesce.service.InterruptionCause.class))
                .hasMessage("end: \"cause\" cannot be BOREDOM");
    }

    @Test
    void givenWellFormedValues_whenRead_thenTheyAreTyped() throws IOException {
        StrictObject o = read("{\"at\":\"2026-11-26T10:00:00.080Z\",\"forced\":true,\"services\":[\"a\",\"b\"],"
                + "\"cause\":\"restart\"}");
        assertThat(o.instant("at")).isEqualTo(Instant.parse("2026-11-26T10:00:00.080Z"));
        assertThat(o.bool("forced")).isTrue();
        assertThat(o.strings("services")).isEqualTo(List.of("a", "b"));
        assertThat(o.constant("cause", io.quiesce.service.InterruptionCause.class))
                .isEqualTo(io.quiesce.service.InterruptionCause.RESTART);
        o.refuseOthers();
    }
}
