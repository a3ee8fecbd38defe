package io.quiesce.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The persistent session map behaves as a sorted map, whatever the order of additions and removals. */
class SessionMapTest {
    static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

    static Session session(String id) {
        return new Session(id, "im", T);
    }

    @Test
    void givenRandomAdditionsAndRemovals_thenItMatchesASortedMapAndEarlierVersionsAreUntouched() {
        SplittableRandom random = new SplittableRandom(42);
        SessionMap map = SessionMap.empty();
        TreeMap<String, Session> model = new TreeMap<>();
        List<SessionMap> versions = new ArrayList<>();
        List<Map<String, Session>> models = new ArrayList<>();
        for (int step = 0; step < 5000; step++) {
            String id = "s" + random.nextInt(300);
            if (random.nextInt(3) == 0) {
                map = map.without(id);
                model.remove(id);
            } else {
                Session s = new Session(id, random.nextBoolean() ? "im" : "calls", T.plusSeconds(step));
                map = map.with(s);
                model.put(id, s);
            }
            if (step % 500 == 0) {
                versions.add(map);
                models.add(new TreeMap<>(model));
            }
            assertThat(map.size()).isEqualTo(model.size());
        }
        assertThat(map).isEqualTo(model);
        assertThat(new ArrayList<>(map.keySet())).isEqualTo(new ArrayList<>(model.keySet()));
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).isEqualTo(models.get(i));
        }
    }

    @Test
    void lookupsFindWhatIsThereAndNothingElse() {
        SessionMap map = SessionMap.empty().with(session("b")).with(session("a")).with(session("c"));

        assertThat(map.get("a")).isEqualTo(session("a"));
        assertThat(map.containsKey("c")).isTrue();
        assertThat(map.containsKey("d")).isFalse();
        assertThat(map.get(42)).isNull();
        assertThat(map.without("d")).isSameAs(map);
        assertThat(map.keySet()).containsExactly("a", "b", "c");
        assertThat(map.hashCode()).isEqualTo(Map.of("a", session("a"), "b", session("b"), "c", session("c")).hashCode());
    }

    @Test
    void itIsReadOnlyAndCopyOfKeepsAnExistingMap() {
        SessionMap map = SessionMap.copyOf(Map.of("x", session("x")));

        assertThat(SessionMap.copyOf(map)).isSameAs(map);
        assertThatThrownBy(() -> map.put("y", session("y"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        var it = SessionMap.empty().entrySet().iterator();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
    }
}
