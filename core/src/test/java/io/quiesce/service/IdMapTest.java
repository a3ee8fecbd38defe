package io.quiesce.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The persistent map under the session maps and the session index (see also {@link SessionMapTest}). */
class IdMapTest {

    @Test
    void givenAnIdPutTwice_thenTheLaterValueWinsAndItCountsOnce() {
        IdMap<Integer> one = IdMap.<Integer>empty().with("a", 1).with("b", 2);
        IdMap<Integer> two = one.with("a", 3);

        assertThat(two).isEqualTo(Map.of("a", 3, "b", 2));
        assertThat(two.size()).isEqualTo(2);
        assertThat(one).isEqualTo(Map.of("a", 1, "b", 2));
        assertThat(two.without("a").without("a")).isEqualTo(Map.of("b", 2)).hasSize(1);
        assertThat(two.entrySet()).hasSize(2);
    }

    @Test
    void givenManyIdsInOrder_thenTheTreeStaysBalanced() {
        // Ids in order are the worst case: unbalanced, each insert would recurse once per id and overflow the stack.
        IdMap<Integer> map = IdMap.empty();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            map = map.with(String.format("s%06d", i), i);
        }
        for (int i = 0; i < n; i += 2) {
            map = map.without(String.format("s%06d", i));
        }
        assertThat(map).hasSize(n / 2);
        assertThat(map.get("s099999")).isEqualTo(99_999);
        assertThat(map.containsKey("s000000")).isFalse();
    }

    @Test
    void givenNoValue_thenItIsRefused() {
        // A missing value means a missing id to get and containsKey.
        assertThatThrownBy(() -> IdMap.<Integer>empty().with("a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void givenManyRandomPutsAndRemovals_thenItMatchesASortedMapAtEveryStepAndEarlierVersionsAreUntouched() {
        // Enough ids for leaves to split and merge and for branches above branches (thousands of ids in leaves of at most 32).
        SplittableRandom random = new SplittableRandom(7);
        IdMap<Integer> map = IdMap.empty();
        TreeMap<String, Integer> model = new TreeMap<>();
        List<IdMap<Integer>> versions = new ArrayList<>();
        List<TreeMap<String, Integer>> models = new ArrayList<>();
        for (int step = 0; step < 80_000; step++) {
            // Grow to thousands of ids, then shrink: removals must merge nodes back.
            boolean growing = step < 50_000;
            String id = "s" + random.nextInt(20_000);
            if (!growing || random.nextInt(4) == 0) {
                IdMap<Integer> next = map.without(id);
                assertThat(next == map).isEqualTo(!model.containsKey(id));
                map = next;
                model.remove(id);
            } else {
                map = map.with(id, step);
                model.put(id, step);
            }
            assertThat(map.size()).isEqualTo(model.size());
            assertThat(map.get(id)).isEqualTo(model.get(id));
            if (step % 10_000 == 0) {
                versions.add(map);
                models.add(new TreeMap<>(model));
            }
        }
        assertThat(new ArrayList<>(map.entrySet())).isEqualTo(new ArrayList<>(model.entrySet()));
        for (String id : new ArrayList<>(model.keySet())) {
            map = map.without(id);
        }
        assertThat(map).isEmpty();
        assertThat(map.entrySet().iterator().hasNext()).isFalse();
        for (int i = 0; i < versions.size(); i++) {
            assertThat(new ArrayList<>(versions.get(i).entrySet())).isEqualTo(new ArrayList<>(models.get(i).entrySet()));
        }
    }
}
