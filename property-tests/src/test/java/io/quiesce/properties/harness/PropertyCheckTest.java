package io.quiesce.properties.harness;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The public harness on a toy property: sequences of numbers that must not hold a 7. */
class PropertyCheckTest {
    static List<Integer> numbers(SplittableRandom r) {
        return IntStream.range(0, r.nextInt(5, 30)).mapToObj(i -> r.nextInt(10)).toList();
    }

    static Optional<Violation> noSeven(List<Integer> steps) {
        return steps.contains(7) ? Optional.of(new Violation("SEVEN", "a 7 among " + steps.size())) : Optional.empty();
    }

    @Test
    void givenAPropertyThatFails_whenSearched_thenTheCounterexampleIsShrunkToTheOneStepThatMatters() {
        PropertyCheck<Integer> check = new PropertyCheck<>("no-seven", PropertyCheckTest::numbers,
                PropertyCheckTest::noSeven, 500);

        PropertyCheck.Counterexample<Integer> found = check.hunt(50).orElseThrow();

        assertThat(found.shrunk()).containsExactly(7);
        assertThat(found.violation().check()).isEqualTo("SEVEN");
        assertThat(numbers(new SplittableRandom(found.seed()))).as("the seed redraws the original")
                .isEqualTo(found.original());
        assertThat(found.report(String::valueOf)).contains("-Dquiesce.seed=" + found.seed()).contains("  7\n");
    }

    @Test
    void givenAPropertyThatHolds_whenSearched_thenNothingIsFound() {
        PropertyCheck<Integer> check = new PropertyCheck<>("below-ten", PropertyCheckTest::numbers,
                steps -> steps.stream().allMatch(n -> n < 10) ? Optional.empty()
                        : Optional.of(new Violation("BIG", "a number of 10 or more")), 500);

        assertThat(check.search(50)).isEmpty();
    }

    @Test
    void givenAStepThatHasSimplerForms_whenShrunk_thenTheSimplestThatStillFailsIsKept() {
        Shrinking<Integer> shrinking = new Shrinking<>(steps -> steps.stream().anyMatch(n -> n >= 3),
                steps -> steps, n -> n > 0 ? List.of(0, n - 1) : List.of(), 1000);

        Shrinking.Result<Integer> result = shrinking.shrink(List.of(1, 9, 2, 8));

        assertThat(result.steps()).containsExactly(3);
    }
}
