package io.quiesce.history;

import io.quiesce.rules.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A what-if setting that names nothing of the history, or contradicts another, is a mistake, not a finding. */
class WhatIfCheckTest {
    private static final Deployment NIGHT = History.pool(false, "fe01", "fe02").replay().state();

    private static void check(String... settings) {
        WhatIf.parse(List.of(settings)).check(NIGHT, History.RULES.catalog());
    }

    @Test
    void settingsForWhatTheHistoryHoldsPassInAnyCaseAndByEitherServiceName() {
        assertThatCode(() -> check("startup.FE01=manual", "startup.fe02.rtccps=disabled",
                "startup.fe02.Lync Server Front-End=manual", "dnsLoadBalancing.P=on")).doesNotThrowAnyException();
    }

    @Test
    void anUnknownServerIsRefused() {
        assertThatThrownBy(() -> check("startup.fe09=manual"))
                .hasMessage("--what-if startup.fe09: the history has no server fe09.");
    }

    @Test
    void anUnknownServiceIsRefused() {
        assertThatThrownBy(() -> check("startup.fe01.FOO=manual"))
                .hasMessageStartingWith("--what-if startup.fe01.FOO: fe01 has no service FOO");
    }

    @Test
    void anUnknownPoolIsRefused() {
        assertThatThrownBy(() -> check("dnsLoadBalancing.nopool=on"))
                .hasMessage("--what-if dnsLoadBalancing.nopool: the history has no pool nopool.");
    }

    @Test
    void anUnknownSettingIsRefused() {
        assertThatThrownBy(() -> check("quorum.p=1")).hasMessageContaining("the key must be");
    }

    @Test
    void contradictoryKeysAreRefused() {
        assertThatThrownBy(() -> check("startup.fe01=manual", "startup.FE01=automatic"))
                .hasMessage("--what-if startup.fe01=manual and startup.FE01=automatic contradict each other: keep one.");
        assertThatThrownBy(() -> check("startup.fe01.RTCCPS=manual", "startup.fe01.Lync Server Call Park=disabled"))
                .hasMessageContaining("contradict each other");
        assertThatThrownBy(() -> check("dnsLoadBalancing.p=on", "dnsLoadBalancing.p=off"))
                .hasMessageContaining("contradict each other");
    }

    @Test
    void theSameSettingTwiceIsNoContradiction() {
        assertThatCode(() -> check("startup.fe01=manual", "startup.fe01=MANUAL")).doesNotThrowAnyException();
    }
}
