package io.quiesce.hostile;

import io.quiesce.catalog.CatalogException;
import io.quiesce.formats.catalog.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, hostile catalogs: every generated catalog is either loaded or refused with a
 * {@link CatalogException} whose one-line message starts with the file's name; through the command
 * line, a refused one is exit 2 and one line, before any data directory is opened.
 */
class HostileCatalogTest {
    private static final int THROUGH_THE_COMMAND_LINE = 12;

    @TempDir
    Path home;

    @Test
    void everyGeneratedCatalogIsLoadedOrRefusedInOneLineThatNamesTheFile() throws IOException {
        long seed = Hostile.CATALOGS.seed();
        long start = System.nanoTime();
        long cpu = Hostile.cpuNanos();
        SplittableRandom inputs = new SplittableRandom(seed);
        CatalogInputs catalogs = new CatalogInputs();
        List<String> failures = new ArrayList<>();
        List<CatalogInputs.Input> refused = new ArrayList<>();
        List<CatalogInputs.Input> loaded = new ArrayList<>();
        for (int i = 0; i < Hostile.CATALOGS.count(); i++) {
            CatalogInputs.Input input = catalogs.next(inputs.split());
            String where = Hostile.CATALOGS.where(seed, i) + ": " + input;
            try {
                load(input, i);
                loaded.add(input);
            } catch (CatalogException e) {
                String source = input.text() != null ? "gen.json" : home.resolve("gen-" + i + ".json").toString();
                if (!e.getMessage().startsWith(source + ": ") || e.getMessage().lines().count() != 1) {
                    failures.add(where + "\n  message not one line naming the file: " + e.getMessage());
                }
                refused.add(input);
            } catch (RuntimeException | StackOverflowError e) {
                failures.add(where + "\n  " + Failures.describe(e));
            }
        }
        System.out.println("catalogs: " + loaded.size() + " loaded, " + refused.size() + " refused, in "
                + Hostile.took(start, cpu));
        assertThat(failures).as(failures.size() + " catalogs neither loaded nor refused cleanly").isEmpty();
        assertThat(refused).as("the generator damages most catalogs").hasSizeGreaterThan(Hostile.CATALOGS.count() / 2);

        throughTheCommandLine(refused.subList(0, Math.min(THROUGH_THE_COMMAND_LINE, refused.size())),
                loaded.subList(0, Math.min(THROUGH_THE_COMMAND_LINE, loaded.size())));
    }

    /** Text through the parser; bytes that are not UTF-8 through a file, which is where they come from. */
    private void load(CatalogInputs.Input input, int i) throws IOException {
        if (input.text() != null) {
            CatalogLoader.parse(input.text(), "gen.json");
        } else {
            CatalogLoader.load(Files.write(home.resolve("gen-" + i + ".json"), input.bytes()));
        }
    }

    /**
     * A refused catalog stops any command at once with exit 2 and one line, and no data directory is
     * made; a loaded one is used, here by replay, which opens no data directory either.
     */
    private void throughTheCommandLine(List<CatalogInputs.Input> refused, List<CatalogInputs.Input> loaded)
            throws IOException {
        Path data = home.resolve("data");
        Map<String, String> shell = Map.of("QUIESCE_DATA", data.toString(), "QUIESCE_GROUPS", "Administrators");
        Path incident = Path.of("../docs/incidents/restart-trap.jsonl").toAbsolutePath();
        for (CatalogInputs.Input input : refused) {
            Path file = Files.write(home.resolve("refused.json"), input.bytes());
            Invocation r = Invocation.run(home, shell, "pause", "fe01", "--catalog", "refused.json");
            r.assertContract("refused catalog " + input);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(r.toString()).startsWith("error: cannot use the catalog " + file + ": ")
                    .hasLineCount(1);
            assertThat(data).as("no data directory is made for a refused catalog").doesNotExist();
        }
        for (CatalogInputs.Input input : loaded) {
            Files.write(home.resolve("loaded.json"), input.bytes());
            Invocation r = Invocation.run(home, shell, "replay", incident.toString(), "--catalog", "loaded.json");
            r.assertContract("loaded catalog " + input);
        }
    }
}
