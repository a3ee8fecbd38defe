package io.quiesce.hostile;

import io.quiesce.catalog.Catalog;
import io.quiesce.auth.Authorization;
import io.quiesce.history.HistoryException;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.history.Replay;
import io.quiesce.history.WhatIf;
import io.quiesce.rules.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, hostile histories: every generated history file replays, or is refused with a
 * {@link HistoryException} reading {@code FILE:LINE: reason} on one line, where LINE is the line
 * at fault: the lines before it replay, and it is not before the first line that was damaged.
 * Through the command line, replay exits 0, or 2 with that message as its one line on stderr.
 */
class HostileHistoryTest {
    private static final String SOURCE = "gen.jsonl";
    private static final int THROUGH_THE_COMMAND_LINE = 40;
    private static final Rules RULES = new Rules(Catalog.defaults(), Authorization.defaults());
    private static final WhatIf WHAT_IF = WhatIf.parse(List.of("startup.fe01=manual", "dnsLoadBalancing.pool2=on"));

    @TempDir
    Path home;

    /** How one input is replayed: as it is, up to a time, or under a what-if. */
    private record Way(Instant stopAt, WhatIf whatIf) {
        static Way of(int index) {
            return switch (index % 4) {
                case 0 -> new Way(Instant.parse("2026-11-20T22:05:00Z"), null);
                case 1 -> new Way(null, WHAT_IF);
                default -> new Way(null, null);
            };
        }

        void replay(byte[] bytes) {
            HistoryReader lines = HistoryReader.ofUtf8(new ByteArrayInputStream(bytes), SOURCE,
                    Authorization.DEFAULT_ADMIN_GROUP);
            Replay replay = new Replay(RULES);
            if (whatIf == null) {
                replay.run(lines, SOURCE, stopAt);
            } else {
                replay.whatIf(lines, SOURCE, stopAt, whatIf);
            }
        }
    }

    @Test
    void everyGeneratedHistoryReplaysOrIsRefusedAtTheLineAtFault() throws IOException {
        long seed = Hostile.HISTORIES.seed();
        long start = System.nanoTime();
        long cpu = Hostile.cpuNanos();
        SplittableRandom inputs = new SplittableRandom(seed);
        HistoryInputs histories = new HistoryInputs(Path.of("../docs/incidents"));
        List<String> failures = new ArrayList<>();
        List<HistoryInputs.Input> sample = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < Hostile.HISTORIES.count(); i++) {
            HistoryInputs.Input input = histories.next(inputs.split());
            Way way = Way.of(i);
            try {
                way.replay(input.bytes());
            } catch (HistoryException e) {
                refused++;
                String problem = misplaced(e, input, way);
                if (problem != null) {
                    failures.add(Hostile.HISTORIES.where(seed, i) + " " + input + "\n  " + problem);
                }
            } catch (RuntimeException | StackOverflowError e) {
                failures.add(Hostile.HISTORIES.where(seed, i) + " " + input + "\n  " + Failures.describe(e));
            }
            if (sample.size() < THROUGH_THE_COMMAND_LINE) {
                sample.add(input);
            }
        }
        System.out.println("histories: " + (Hostile.HISTORIES.count() - refused) + " replayed, " + refused
                + " refused, in " + Hostile.took(start, cpu));
        assertThat(failures).as(failures.size() + " histories neither replayed nor refused at the right line")
                .isEmpty();
        assertThat(refused).as("the generator damages most histories").isGreaterThan(Hostile.HISTORIES.count() / 2);

        throughTheCommandLine(sample);
    }

    /** What is wrong with the refusal of {@code input}; null when it names the line at fault in one line. */
    private static String misplaced(HistoryException refusal, HistoryInputs.Input input, Way way) {
        int line = refusal.line();
        if (!refusal.getMessage().equals(SOURCE + ":" + line + ": " + refusal.reason())
                || refusal.getMessage().lines().count() != 1) {
            return "not one line FILE:LINE: reason: " + refusal.getMessage();
        }
        if (line < input.firstChanged() || line > input.lines().size()) {
            return "refused at line " + line + ", which is not a damaged line or after one: " + refusal.getMessage();
        }
        try {
            way.replay(input.prefix(line - 1));
        } catch (RuntimeException | StackOverflowError e) {
            return "the lines before line " + line + " do not replay either: " + e.getMessage()
                    + "\n  (the whole file: " + refusal.getMessage() + ")";
        }
        try {
            way.replay(input.prefix(line));
            return "line " + line + " alone after the lines before it replays, yet the file is refused there: "
                    + refusal.getMessage();
        } catch (HistoryException e) {
            return e.getMessage().equals(refusal.getMessage()) ? null
                    : "refused differently when the file ends at line " + line + ": " + e.getMessage();
        }
    }

    /** replay FILE: exit 0, or 2 with the library's message as the one line on stderr; nothing written. */
    private void throughTheCommandLine(List<HistoryInputs.Input> sample) throws IOException {
        Map<String, String> shell = Map.of("QUIESCE_DATA", home.resolve("data").toString());
        for (int i = 0; i < sample.size(); i++) {
            HistoryInputs.Input input = sample.get(i);
            Files.write(home.resolve(SOURCE), input.bytes());
            String[] args = i % 2 == 0 ? new String[] {"replay", SOURCE, "--report", "report.html"}
                    : new String[] {"replay", SOURCE, "--json", "--what-if", "startup.fe01=manual"};
            Invocation r = Invocation.run(home, shell, args);
            r.assertContract("history " + input);
            assertThat(r.exit()).as(r.toString()).isIn(0, 2);
            if (r.exit() == 2 && r.err().startsWith("error: --what-if")) {
                // A what-if naming a server the (damaged) history does not hold is a mistake, not a finding.
                assertThat(r.err()).as(r.toString())
                        .isEqualTo("error: --what-if startup.fe01: the history has no server fe01.\n");
                Invocation plain = Invocation.run(home, shell, "replay", SOURCE, "--json");
                assertThat(plain.exit()).as(plain.toString()).isZero();
                assertThat(plain.out().toLowerCase(java.util.Locale.ROOT)).as(plain.toString())
                        .doesNotContain("\"name\":\"fe01\"");
            } else if (r.exit() == 2) {
                assertThat(r.err()).as(r.toString()).startsWith("error: " + SOURCE + ":").hasLineCount(1);
                assertThat(home.resolve("report.html")).as("no report of a refused history").doesNotExist();
            } else {
                assertThat(r.err()).as(r.toString()).isEmpty();
            }
            Files.deleteIfExists(home.resolve("report.html"));
        }
        assertThat(home.resolve("data")).as("replay opens no data directory").doesNotExist();
    }
}
