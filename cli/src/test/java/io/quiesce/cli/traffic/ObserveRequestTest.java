package io.quiesce.cli.traffic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body of POST /v1/observe: three fields, nothing else. */
class ObserveRequestTest {
    @Test
    void givenAServerServiceAndCount_thenTheyAreRead() {
        assertThat(ObserveRequest.parse("{\"server\":\"fe01\",\"service\":\"RTCSRV\",\"sessions\":12}"))
                .isEqualTo(new ObserveRequest("fe01", "RTCSRV", 12));
    }

    @Test
    void givenABadBody_thenOneSentenceSaysWhy() {
        Map.of("not json", "not JSON",
                "[1]", "must be an object",
                "{\"server\":\"fe01\",\"service\":\"RTCSRV\",\"sessions\":-1}", "whole number",
                "{\"server\":\"fe01\",\"service\":\"RTCSRV\",\"sessions\":1.5}", "whole number",
                "{\"server\":\"fe01\",\"sessions\":1}", "\"service\"",
                "{\"server\":\"fe01\",\"service\":\"RTCSRV\",\"sessions\":1,\"session\":2}", "no field \"session\"")
                .forEach((body, why) -> assertThatThrownBy(() -> ObserveRequest.parse(body)).as(body)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why));
    }
}
