package io.quiesce;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ManualClockTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void givenAClock_whenAdvancedEitherWay_thenItReadsTheNewInstant() {
        ManualClock clock = new ManualClock(T0);

        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(300));

        clock.advance(Duration.ofMinutes(-7));
        assertThat(clock.instant()).isEqualTo(T0.minusSeconds(120));
    }

    @Test
    void givenAClock_whenAdvancedToAnEarlierInstant_thenItStays() {
        ManualClock clock = new ManualClock(T0);

        clock.advanceTo(T0.plusSeconds(60));
        clock.advanceTo(T0.plusSeconds(30));

        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(60));
        assertThat(clock.millis()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void givenThreadsMovingItAtOnce_thenNoMoveIsLost() throws InterruptedException {
        ManualClock clock = new ManualClock(T0);
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int n = 0; n < 10_000; n++) {
                    clock.advance(Duration.ofMillis(1));
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(40));
    }
}
