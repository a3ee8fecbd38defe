package io.quiesce.history;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's lane of session counts stays bounded and keeps each stretch's peak. */
class TimelineTest {
    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

    @Test
    void givenCountsAtOneInstant_thenTheLastOneStands() {
        Timeline.Lane lane = new Timeline().lane("fe01", "Lync Server Front-End");

        lane.sessions(1, T0);
        lane.sessions(2, T0);
        lane.sessions(1, T0.plusSeconds(1));

        assertThat(lane.samples()).containsExactly(new Timeline.Sample(T0, 2),
                new Timeline.Sample(T0.plusSeconds(1), 1));
    }

    @Test
    void givenMoreCountsThanALaneKeeps_thenEachPairBecomesItsFirstTimeWithItsPeak() {
        Timeline.Lane lane = new Timeline().lane("fe01", "Lync Server Front-End");

        for (int i = 0; i <= Timeline.MAX_SAMPLES; i++) {
            lane.sessions(i % 7, T0.plusSeconds(i));
        }

        List<Timeline.Sample> samples = lane.samples();
        assertThat(samples).hasSize(Timeline.MAX_SAMPLES / 2 + 1);
        assertThat(samples.get(0)).isEqualTo(new Timeline.Sample(T0, 1));
        assertThat(samples.get(3)).isEqualTo(new Timeline.Sample(T0.plusSeconds(6), 6));
        assertThat(samples.get(4)).isEqualTo(new Timeline.Sample(T0.plusSeconds(8), 2));
        // The odd one out at the end has no partner: it stays as it was.
        assertThat(samples.get(samples.size() - 1))
                .isEqualTo(new Timeline.Sample(T0.plusSeconds(Timeline.MAX_SAMPLES), Timeline.MAX_SAMPLES % 7));
    }

    @Test
    void givenAThinnedLane_thenLaterCountsAreAddedAfterIt() {
        Timeline.Lane lane = new Timeline().lane("fe01", "Lync Server Front-End");
        for (int i = 0; i <= Timeline.MAX_SAMPLES; i++) {
            lane.sessions(1, T0.plusSeconds(i));
        }

        Instant later = T0.plusSeconds(Timeline.MAX_SAMPLES + 10);
        lane.sessions(9, later);

        List<Timeline.Sample> samples = lane.samples();
        assertThat(samples).hasSize(Timeline.MAX_SAMPLES / 2 + 2);
        assertThat(samples.get(samples.size() - 1)).isEqualTo(new Timeline.Sample(later, 9));
    }
}
