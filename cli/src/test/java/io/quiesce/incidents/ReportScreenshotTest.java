package io.quiesce.incidents;

import io.quiesce.catalog.Catalog;
import io.quiesce.auth.Authorization;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.formats.history.HtmlReport;
import io.quiesce.history.Replay;
import io.quiesce.history.ReplayResult;
import io.quiesce.rules.Rules;
import io.quiesce.testing.RealTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report renders in a real browser: headless Chromium takes a screenshot, which must
 * show the timeline's colours. Without Chromium it is skipped on a developer's machine and fails
 * under {@code CI=true} ({@code .ci/run} installs it).
 */
class ReportScreenshotTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theReportOfASampleIncidentRendersInChromium() throws Exception {
        RealTool.require(CHROMIUM, "chromium");
        Path html = dir.resolve("report.html");
        try (BufferedReader reader = Files.newBufferedReader(SampleIncidentsTest.INCIDENTS.resolve("restart-trap.jsonl"))) {
            ReplayResult result = new Replay(new Rules(Catalog.defaults(), Authorization.defaults()))
                    .run(new HistoryReader(reader, "restart-trap.jsonl", "Administrators"), "restart-trap.jsonl", null);
            Files.writeString(html, HtmlReport.render(result, "restart trap"));
        }
        Path png = dir.resolve("report.png");

        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + dir.resolve("profile"),
                "--window-size=1220,900", "--screenshot=" + png, html.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).isTrue();

        assertThat(colours(png)).as("distinct colours in the screenshot").isGreaterThan(5)
                .satisfies(n -> assertThat(hasColour(png, 0x4caf50)).as("RUNNING green is drawn").isTrue());
    }

    private static int colours(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return seen.size();
    }

    private static boolean hasColour(Path png, int rgb) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
