package io.quiesce.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The ./quiesce launcher at the repository root, run as a real process on the jar the build made. */
class LauncherIT {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path home;

    record Run(int exit, String out, String err) {
    }

    Run quiesce(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("quiesce").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(home.resolve("stdout").toFile()).redirectError(home.resolve("stderr").toFile());
        builder.environment().put("QUIESCE_DATA", home.resolve("data").toString());
        builder.environment().put("QUIESCE_GROUPS", "Administrators");
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("finished").isTrue();
        return new Run(process.exitValue(), Files.readString(home.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(home.resolve("stderr"), StandardCharsets.UTF_8));
    }

    @Test
    void runsTheBuiltJarWithTheExitCodesOfTheContract() throws Exception {
        assertThat(ROOT.resolve("cli/target/quiesce.jar")).as("built by package").exists();

        Run created = quiesce("pool", "create", "pool1");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.out()).isEqualTo("created pool pool1 (DNS load balancing on)\n");
        assertThat(created.err()).as("no build or log noise").isEmpty();

        Run status = quiesce("status", "--json");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).isEqualTo("{\"pools\":[{\"name\":\"pool1\",\"dnsLoadBalancing\":true,"
                + "\"lostConnections\":0,\"quorum\":0,\"servers\":[]}]}\n");

        Run unknown = quiesce("pause", "fe01");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("refused (UNKNOWN_SERVER): no server named fe01: check the name with"
                + " status.\n");

        Path data = home.resolve("data");
        try (FileChannel channel = FileChannel.open(data.resolve("quiesce.lock"), StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            Run locked = quiesce("status");
            assertThat(held.isValid()).isTrue();
            assertThat(locked.exit()).isEqualTo(5);
            assertThat(locked.err()).startsWith("error: data directory " + data + " is in use by another process")
                    .doesNotContain("Exception", "\tat ", "SLF4J");
        }
    }
}
