package io.quiesce.internal.persistence;

import io.quiesce.rollout.PatchOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PatchStepTest {
    @Test
    void theShellCommandsExitCodeAndTheLastLinesOfItsOutputAreKept() {
        // given a patch command that prints 30 lines, some on stderr, and fails
        PatchOutcome out = PatchStep.shell().run("for i in $(seq 1 30); do echo line $i; done; echo oops >&2; exit 4");
        // then
        assertThat(out.exitCode()).isEqualTo(4);
        assertThat(out.outputTail().lines()).hasSize(PatchStep.TAIL_LINES).first().isEqualTo("line 12");
        assertThat(out.outputTail()).endsWith("line 30\noops");
        assertThat(out.duration()).isPositive();
    }

    @Test
    void aChattyCommandIsCutToTheLastCharacters() {
        PatchOutcome out = PatchStep.shell().run("head -c 300000 /dev/zero | tr '\\0' 'x'; echo; echo done");
        assertThat(out.exitCode()).isZero();
        assertThat(out.outputTail()).hasSizeLessThanOrEqualTo(PatchStep.TAIL_CHARS).endsWith("x\ndone");
    }
}
