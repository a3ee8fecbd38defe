package io.quiesce.cli;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every refusal looks like: its exit code, one line on stderr naming the rule, and on stdout
 * at most the warnings that the same command would have given had it gone ahead.
 */
final class Refusals {
    private Refusals() {
    }

    static void assertRefused(Cli.Result r, int exit, String code) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.lines()).as(r.toString()).allSatisfy(l -> assertThat(l).startsWith("warning: "));
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("refused (" + code + "): ");
    }
}
