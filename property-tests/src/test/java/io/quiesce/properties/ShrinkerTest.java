package io.quiesce.properties;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ShrinkerTest {
    final List<Step> generated = Generator.standard(60, 1, 2).generate(42);

    @Test
    void shrinksToTheOneStepThatMattersWithSimplerArguments() {
        List<Step> steps = new ArrayList<>(generated);
        steps.add(steps.size() / 2, new Step.Send(Principals.OUTSIDER, null, new Request.Restart("fe77", true)));
        Property forcedRestart = s -> s.stream().anyMatch(x -> x instanceof Step.Send send
                && send.request() instanceof Request.Restart r && r.server().equals("fe77") && r.force())
                ? Failure.of("X", "a forced restart") : Optional.empty();

        Shrinker.Result result = new Shrinker(forcedRestart, 1000).shrink(steps, new Failure("X", "a forced restart"));

        assertThat(result.steps()).containsExactly(Step.admin(new Request.Restart("fe77", true)));
    }

    @Test
    void keepsTheCheckThatFailedFirst() {
        // Short sequences with a connect fail another check: shrinking must not slip into it.
        Property property = s -> {
            boolean connects = s.stream().anyMatch(x -> x instanceof Step.Send send
                    && send.request() instanceof Request.Connect);
            return !connects ? Optional.empty() : Failure.of(s.size() <= 3 ? "SHORT" : "LONG", "connects");
        };
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            steps.add(Step.admin(new Request.End("s" + i)));
        }
        steps.add(7, Step.admin(new Request.Connect("pool1", "call-park", "s99")));

        Shrinker.Result result = new Shrinker(property, 1000).shrink(steps, property.check(steps).orElseThrow());

        assertThat(result.failure().check()).isEqualTo("LONG");
        assertThat(result.steps()).hasSize(4).contains(Step.admin(new Request.Connect("pool1", "im", "s99")));
    }

    @Test
    void stopsAtTheBudget() {
        int[] runs = {0};
        Property onlyTheWholeSequenceFails = s -> {
            runs[0]++;
            return s.equals(generated) ? Failure.of("X", "all of it") : Optional.empty();
        };

        Shrinker.Result result = new Shrinker(onlyTheWholeSequenceFails, 5).shrink(generated, new Failure("X", "all"));

        assertThat(result.steps()).isEqualTo(generated);
        assertThat(result.attempts()).isEqualTo(5);
        assertThat(runs[0]).isEqualTo(5);
    }

    @Test
    void normalizingMergesWaitsAndDropsATrailingOne() {
        Step end = Step.admin(new Request.End("s1"));
        Step.Wait minute = new Step.Wait(Duration.ofMinutes(1));

        assertThat(Shrinker.normalize(List.of(minute, minute, end, minute, new Step.Reopen(), minute, minute)))
                .containsExactly(new Step.Wait(Duration.ofMinutes(2)), end, minute, new Step.Reopen());
    }
}
