package io.quiesce.internal.persistence.journal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenTransactionsTest {
    static final long TIMEOUT = 1_000;

    final OpenTransactions<String> open = new OpenTransactions<>(TIMEOUT);

    @Test
    void givenAWriteThatStandsAlone_whenAdded_thenItIsWholeAtOnce() {
        assertThat(open.add(0, 1, "a", 0)).isEqualTo(new OpenTransactions.Whole<>(List.of("a")));
        assertThat(open.isEmpty()).isTrue();
    }

    @Test
    void givenATransactionOfThreeParts_whenTheLastArrives_thenAllThreeAreWholeInArrivalOrder() {
        assertThat(open.add(7, 3, "server", 0)).isInstanceOf(OpenTransactions.Waiting.class);
        assertThat(open.add(7, 3, "fe", 10)).isInstanceOf(OpenTransactions.Waiting.class);

        assertThat(open.add(7, 3, "caa", 20)).isEqualTo(new OpenTransactions.Whole<>(List.of("server", "fe", "caa")));
        assertThat(open.isEmpty()).isTrue();
    }

    @Test
    void givenTwoTransactionsInterleaved_whenEachCompletes_thenNeitherTakesTheOthersParts() {
        open.add(1, 2, "1a", 0);
        open.add(2, 2, "2a", 0);

        assertThat(open.add(2, 2, "2b", 1)).isEqualTo(new OpenTransactions.Whole<>(List.of("2a", "2b")));
        assertThat(open.add(1, 2, "1b", 1)).isEqualTo(new OpenTransactions.Whole<>(List.of("1a", "1b")));
    }

    @Test
    void givenAPartMissing_whenTheDeadlinePasses_thenTheArrivedPartsExpireAndALatePartIsRefused() {
        open.add(5, 2, "fe", 100);

        assertThat(open.expire(100 + TIMEOUT - 1)).isEmpty();
        assertThat(open.expire(100 + TIMEOUT)).extracting(OpenTransactions.Expired::parts).containsExactly(List.of("fe"));
        assertThat(open.add(5, 2, "caa", 100 + TIMEOUT + 1)).isInstanceOf(OpenTransactions.Refused.class);
        assertThat(open.isEmpty()).isTrue();
    }

    @Test
    void givenOpenTransactions_whenAllAreFailed_thenEachIsHandedBackAndItsLatePartsRefused() {
        open.add(1, 2, "1a", 0);
        open.add(2, 3, "2a", 0);

        assertThat(open.failAll()).containsExactlyInAnyOrder(List.of("1a"), List.of("2a"));
        assertThat(open.add(2, 3, "2b", 1)).isInstanceOf(OpenTransactions.Refused.class);
    }
}
