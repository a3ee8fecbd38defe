package io.quiesce.hostile;

import io.quiesce.cli.ParsedArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, hostile command lines, run in this JVM: exit codes of the contract only (1 is a bug),
 * no stack trace, a reason on stderr for every failure, and nothing written by a refused line.
 *
 * <p>Opening a data directory takes about a second, so most lines are run where the data
 * directory is a file: a line that gets that far fails at once with exit 5, and the others fail
 * while they are parsed and checked. A smaller number run on a real data directory in use, whose
 * journal must not change when they are refused.
 */
class HostileArgumentsTest {
    /** For every this many generated lines, one more runs on a real data directory. */
    private static final int ON_A_REAL_DIRECTORY = 25;
    private static final Set<String> READS = Set.of("status", "plan", "history");
    private static final int SHOWN = 15;

    @TempDir
    Path home;

    private final List<String> failures = new ArrayList<>();
    private int failed;

    @Test
    void everyGeneratedCommandLineFailsCleanlyAndLeavesItsFilesAlone() {
        long seed = Hostile.COMMAND_LINES.seed();
        long start = System.nanoTime();
        long cpu = Hostile.cpuNanos();
        SplittableRandom inputs = new SplittableRandom(seed);
        Sandbox sandbox = new Sandbox(home);
        ArgumentInputs lines = new ArgumentInputs(Sandbox.files(Sandbox.NOT_A_DIRECTORY));
        Map<String, String> shell = Map.of("QUIESCE_DATA", sandbox.work().resolve(Sandbox.NOT_A_DIRECTORY)
                .toString(), "QUIESCE_GROUPS", "Administrators");
        Map<String, String> files = sandbox.listing();
        int usageErrors = 0;
        int skipped = 0;
        for (int i = 0; i < Hostile.COMMAND_LINES.count(); i++) {
            String[] args = lines.next(inputs.split());
            Optional<ParsedArguments> parsed = ParsedArguments.parse(args);
            if (parsed.isPresent() && wouldOpenARealDirectory(parsed.get())) {
                skipped++;
                continue;
            }
            usageErrors += parsed.isEmpty() ? 1 : 0;
            Invocation r = Invocation.run(sandbox.work(), shell, args);
            Map<String, String> before = files;
            check(Hostile.COMMAND_LINES.where(seed, i), where -> {
                r.assertContract(where);
                assertFailsInOneLine(r, parsed, where);
                if (r.exit() != 0) {
                    assertThat(sandbox.listing()).as(where + ": a refused line writes nothing\n" + r)
                            .isEqualTo(before);
                }
            });
            if (r.exit() == 0) {
                sandbox.fill();
                files = sandbox.listing();
            }
        }
        System.out.println("command lines: " + usageErrors + " usage errors, " + (Hostile.COMMAND_LINES.count()
                - usageErrors - skipped) + " reached their command, " + skipped + " left out (demo, or another"
                + " --data), in " + Hostile.took(start, cpu));
        assertThat(failures).as(failed + " command lines broke the contract; the first ones").isEmpty();
    }

    @Test
    void generatedCommandLinesOnADataDirectoryInUseRecordNothingWhenRefused() {
        long seed = Hostile.COMMAND_LINES.seed();
        long start = System.nanoTime();
        long cpu = Hostile.cpuNanos();
        SplittableRandom inputs = new SplittableRandom(seed);
        Sandbox sandbox = new Sandbox(home);
        Path data = Deployed.at(sandbox.work().resolve("data"));
        ArgumentInputs lines = new ArgumentInputs(Sandbox.files("data"));
        Map<String, String> shell = Map.of("QUIESCE_DATA", data.toString(), "QUIESCE_GROUPS", "Administrators");
        JournalFingerprint recorded = JournalFingerprint.of(data);
        assertThat(Invocation.run(sandbox.work(), shell, "status").exit()).isZero();
        assertThat(JournalFingerprint.of(data)).as("status records nothing, and the fingerprint says so")
                .isEqualTo(recorded);
        int runs = Math.max(10, Hostile.COMMAND_LINES.count() / ON_A_REAL_DIRECTORY);
        int refused = 0;
        for (int i = 0; i < runs; i++) {
            String[] args = lines.withOddValues(inputs.split());
            Invocation r = Invocation.run(sandbox.work(), shell, args);
            boolean recordsByDesign = r.exit() == 0 && ParsedArguments.parse(args)
                    .map(p -> !READS.contains(p.leaf())).orElse(false)
                    || r.err().startsWith("refused (CONNECTION_LOST)");
            JournalFingerprint before = recorded;
            check("on a data directory: " + Hostile.COMMAND_LINES.where(seed, i), where -> {
                r.assertContract(where);
                if (!recordsByDesign) {
                    assertThat(JournalFingerprint.of(data)).as(where + ": refused or read, so nothing recorded\n" + r)
                            .isEqualTo(before);
                }
            });
            refused += r.exit() != 0 ? 1 : 0;
            if (recordsByDesign) {
                recorded = JournalFingerprint.of(data);
            }
        }
        System.out.println("command lines on a data directory: " + runs + " run, " + refused + " refused, in "
                + Hostile.took(start, cpu));
        assertThat(failures).as(failed + " command lines broke the contract; the first ones").isEmpty();
    }

    /**
     * A usage error, or any other failure, says why in one line: only a line that gives no command
     * at all gets the whole usage, and an argument holding a line break may be quoted back as it is.
     */
    private static void assertFailsInOneLine(Invocation r, Optional<ParsedArguments> parsed, String where) {
        if (parsed.isEmpty()) {
            assertThat(r.exit()).as(where + "\n" + r).isEqualTo(2);
            assertThat(r.err()).as(where + "\n" + r).startsWith("usage error: ");
        }
        boolean noCommand = parsed.isPresent() && parsed.get().command().size() == 1;
        if (r.exit() != 0 && !noCommand && !r.argumentsSpanLines()) {
            assertThat(r.errLines()).as(where + ": one line says why\n" + r).isEqualTo(1);
        }
    }

    /** Lines for which the data directory would be a real one: the demo's own, or another --data. */
    private static boolean wouldOpenARealDirectory(ParsedArguments parsed) {
        return parsed.data() != null ? !parsed.data().equals(Path.of(Sandbox.NOT_A_DIRECTORY))
                : parsed.command().contains("demo") && !parsed.helpOrVersion();
    }

    /** Keeps going after a failure, so that one run shows every kind of fault it finds. */
    private void check(String where, java.util.function.Consumer<String> assertions) {
        try {
            assertions.accept(where);
        } catch (AssertionError e) {
            failed++;
            if (failures.size() < SHOWN) {
                failures.add(e.getMessage());
            }
        }
    }
}
