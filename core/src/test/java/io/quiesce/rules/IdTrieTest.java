package io.quiesce.rules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdTrieTest {

    @Test
    void givenAnIdPutTwice_thenTheLaterValueHoldsAndTheSizeCountsItOnce() {
        IdTrie<Integer> one = IdTrie.<Integer>empty().with("a", 1).with("b", 2);
        IdTrie<Integer> two = one.with("a", 3);

        assertThat(two.get("a")).isEqualTo(3);
        assertThat(two.size()).isEqualTo(2);
        assertThat(one.get("a")).isEqualTo(1);
        assertThat(two.with("a", 3)).isSameAs(two);
        assertThat(two.without("zz")).isSameAs(two);
    }

    @Test
    void givenANullIdOrValue_thenItIsRefused() {
        assertThatThrownBy(() -> IdTrie.<Integer>empty().with(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> IdTrie.<Integer>empty().with("a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void givenIdsOfTheSameHash_thenEachKeepsItsOwnValueAndGoesAlone() {
        // "Aa" and "BB" hash alike, and so does any string made of them: every id here has one hash.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            StringBuilder id = new StringBuilder();
            for (int b = 0; b < 4; b++) {
                id.append((i >> b & 1) == 0 ? "Aa" : "BB");
            }
            ids.add(id.toString());
        }
        assertThat(ids.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
        IdTrie<Integer> trie = IdTrie.<Integer>empty().with("other", -1);
        for (int i = 0; i < ids.size(); i++) {
            trie = trie.with(ids.get(i), i);
        }
        assertThat(trie.size()).isEqualTo(17);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(trie.get(ids.get(i))).isEqualTo(i);
        }
        assertThat(trie.get("AaAaAaAaAa")).isNull();
        for (String id : ids) {
            trie = trie.without(id);
            assertThat(trie.get(id)).isNull();
        }
        assertThat(trie.size()).isEqualTo(1);
        assertThat(trie.get("other")).isEqualTo(-1);
    }

    @Test
    void givenManyRandomPutsAndRemovals_thenItMatchesAHashMapAtEveryStepAndEarlierVersionsAreUntouched() {
        SplittableRandom random = new SplittableRandom(11);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // ids alike but for their ends, and ids as clients make them up
            pool.add(i % 2 == 0 ? "s" + i : new UUID(random.nextLong(), random.nextLong()).toString());
        }
        IdTrie<Integer> trie = IdTrie.empty();
        Map<String, Integer> model = new HashMap<>();
        List<IdTrie<Integer>> versions = new ArrayList<>();
        List<Map<String, Integer>> models = new ArrayList<>();
        for (int step = 0; step < 120_000; step++) {
            // Grow to thousands of ids, then shrink to none: removals must fold nodes back up.
            boolean growing = step < 60_000;
            String id = pool.get(random.nextInt(pool.size()));
            if (!growing || random.nextInt(4) == 0) {
                IdTrie<Integer> next = trie.without(id);
                assertThat(next == trie).isEqualTo(!model.containsKey(id));
                trie = next;
                model.remove(id);
            } else {
                trie = trie.with(id, step);
                model.put(id, step);
            }
            assertThat(trie.size()).isEqualTo(model.size());
            assertThat(trie.get(id)).isEqualTo(model.get(id));
            if (step % 10_000 == 0) {
                versions.add(trie);
                models.add(new HashMap<>(model));
            }
        }
        for (int v = 0; v < versions.size(); v++) {
            IdTrie<Integer> version = versions.get(v);
            Map<String, Integer> expected = models.get(v);
            assertThat(version.size()).isEqualTo(expected.size());
            for (String id : pool) {
                assertThat(version.get(id)).as("version %d, id %s", v, id).isEqualTo(expected.get(id));
            }
        }
    }
}
