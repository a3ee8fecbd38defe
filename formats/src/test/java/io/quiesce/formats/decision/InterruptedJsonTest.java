package io.quiesce.formats.decision;

import io.quiesce.event.Event;
import io.quiesce.service.InterruptionCause;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InterruptedJsonTest {
    static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    static final String FE = "Lync Server Front-End";

    @Test
    void givenAForcedStopCuttingOneSessionAndAnObservedCount_thenBothAreListedTheCountWithoutIds() {
        // Given the events of a forced stop of a service with one session and 3 observed ones.
        List<Event> events = List.of(
                new Event.SessionInterrupted(T, "fe01", FE, "s1", "im", InterruptionCause.FORCED_STOP),
                new Event.ObservedSessionsInterrupted(T, "fe01", FE, 3, InterruptionCause.FORCED_STOP),
                new Event.ServiceStopped(T, "fe01", FE, true, "alice", null));

        // When they are reported.
        List<Object> interrupted = DecisionJson.interrupted(events);

        // Then the session is listed by id, the observed ones by count.
        assertThat(interrupted).containsExactly(
                Map.of("session", "s1", "server", "fe01", "service", FE, "feature", "im", "cause", "FORCED_STOP"),
                Map.of("observed", 3, "server", "fe01", "service", FE, "cause", "FORCED_STOP"));
    }
}
