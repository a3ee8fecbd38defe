package io.quiesce.rules;

import io.quiesce.command.Command.AddServer;
import io.quiesce.server.Quorum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.IntStream;

import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.POOL;
import static io.quiesce.rules.Scenario.act;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.stop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rule 13: the Skype for Business pool-level quorum table, and the guard on a pool. */
class QuorumTest {

    @ParameterizedTest(name = "{0} servers need {1} up")
    @CsvSource({
            "1, 1", "2, 2",
            "3, 2", "4, 2",
            "5, 3", "6, 3",
            "7, 4",
            "8, 4", "9, 4",
            "10, 5", "11, 5", "12, 5",
            "13, 7", "14, 7", "15, 7", "16, 7"})
    void theTable(int servers, int required) {
        assertThat(Quorum.required(servers)).isEqualTo(required);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 17, 100})
    void noQuorumOutsideTheTable(int servers) {
        assertThatThrownBy(() -> Quorum.required(servers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no quorum defined for a pool of " + servers + " servers");
    }

    @Test
    void theTableStopsAtSixteen() {
        assertThat(Quorum.MAX_POOL_SIZE).isEqualTo(16);
    }

    private static String[] servers(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("fe%02d", i)).toArray(String[]::new);
    }

    /** Stops the core service of one server after another: exactly n - quorum stops go through. */
    @ParameterizedTest(name = "a pool of {0}")
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void theGuardLetsThePoolGoDownToItsQuorumAndNoFurther(int n) {
        String[] names = servers(n);
        Scenario s = pool(true, names);
        int mayStop = n - Quorum.required(n);
        for (int i = 0; i < mayStop; i++) {
            s.when(stop(names[i], FRONT_END)).accepted();
            assertThat(s.accepted().events()).hasSize(1);
        }
        s.when(stop(names[mayStop], FRONT_END))
                .thenRejected(RejectionCode.QUORUM_GUARD, "below its quorum of " + Quorum.required(n));
    }

    @Test
    void aOneServerPoolCannotLoseItsServer() {
        Plan plan = pool(true, "fe01").plan("fe01");
        assertThat(plan.stop().guards()).extracting(Rejection::code).contains(RejectionCode.QUORUM_GUARD);
    }

    @Test
    void aSeventeenthServerIsRefused() {
        Scenario s = pool(true, servers(16));
        s.when(new AddServer(POOL, "fe17", null, act()))
                .thenRejected(RejectionCode.POOL_FULL, "16");
        assertThat(s.state().pool(POOL).orElseThrow().servers()).hasSize(16);
    }

    @Test
    void theSixteenthServerIsAccepted() {
        Scenario s = pool(true, servers(15))
                .when(new AddServer(POOL, "fe16", null, act()))
                .thenWarnings();
        assertThat(s.state().pool(POOL).orElseThrow().servers()).hasSize(16).endsWith("fe16");
    }
}
