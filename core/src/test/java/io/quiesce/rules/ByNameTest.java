package io.quiesce.rules;

import io.quiesce.text.Names;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A deployment's pools and servers by name: behaves as the sorted map by {@link Names#ORDER} it replaces. */
class ByNameTest {

    @Test
    void givenNamesInAnyOrder_thenTheyAreListedAsNamesSortAndFoundInAnyCase() {
        ByName<Integer> servers = ByName.of(Map.of("fe02", 2, "FE01", 1, "edge", 3));

        assertThat(List.copyOf(servers.keySet())).containsExactly("edge", "FE01", "fe02");
        assertThat(List.copyOf(servers.values())).containsExactly(3, 1, 2);
        assertThat(servers.get("fe01")).isEqualTo(1);
        assertThat(servers.get("FE02")).isEqualTo(2);
        assertThat(servers.containsKey("Edge")).isTrue();
        assertThat(servers.get("fe03")).isNull();
        assertThat(servers.containsKey("fe03")).isFalse();
    }

    @Test
    void givenAValueReplacedUnderAnotherCase_thenTheNameKeepsItsSpellingAndTheOldMapIsUnchanged() {
        ByName<Integer> before = ByName.of(Map.of("FE01", 1, "fe02", 2));

        ByName<Integer> after = before.with("fe01", 10);

        assertThat(after).isEqualTo(Map.of("FE01", 10, "fe02", 2));
        assertThat(List.copyOf(after.keySet())).containsExactly("FE01", "fe02");
        assertThat(before).isEqualTo(Map.of("FE01", 1, "fe02", 2));
    }

    @Test
    void givenANewName_thenItTakesItsPlaceInTheOrder() {
        ByName<Integer> servers = ByName.of(Map.of("fe01", 1, "fe03", 3));

        ByName<Integer> more = servers.with("FE02", 2).with("a", 0);

        assertThat(List.copyOf(more.keySet())).containsExactly("a", "fe01", "FE02", "fe03");
        assertThat(more.get("fe02")).isEqualTo(2);
        assertThat(servers).hasSize(2);
    }

    @Test
    void givenManyNames_thenTheyAreFoundAsSpelledAndInAnyCase() {
        // Past a few names they are found through an index of their spellings, then by the order.
        Map<String, Integer> values = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            values.put(String.format("Fe%02d", i), i);
        }
        ByName<Integer> servers = ByName.of(values);

        assertThat(servers.get("Fe07")).isEqualTo(7);
        assertThat(servers.get("FE39")).isEqualTo(39);
        assertThat(servers.with("fe20", 99).get("Fe20")).isEqualTo(99);
        assertThat(servers.get("fe40")).isNull();
    }

    @Test
    void givenNamesEqualButForCase_thenTheyAreOneAsInASortedMap() {
        Map<String, Integer> twice = new LinkedHashMap<>();
        twice.put("fe01", 1);
        twice.put("FE01", 2);
        TreeMap<String, Integer> sorted = new TreeMap<>(Names.ORDER);
        sorted.putAll(twice);

        ByName<Integer> servers = ByName.of(twice);

        assertThat(servers).hasSize(1).isEqualTo(sorted);
        assertThat(List.copyOf(servers.keySet())).isEqualTo(List.copyOf(sorted.keySet()));
    }

    @Test
    void givenTheMap_thenItCannotBeChangedInPlace() {
        ByName<Integer> servers = ByName.of(Map.of("fe01", 1));

        assertThatThrownBy(() -> servers.put("fe02", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> servers.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> servers.values().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
