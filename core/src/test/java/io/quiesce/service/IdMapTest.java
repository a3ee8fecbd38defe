package io.quiesce.service;

import org.junit.jupiter.api.Test;

import java.util.Map;

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
}
