package io.quiesce.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which data directory an invocation uses, and exit 5 when it cannot. */
class DataDirectoryTest {
    @TempDir
    Path home;

    @Test
    void aFileInPlaceOfTheDirectoryIsUnusable() throws Exception {
        Path file = Files.writeString(home.resolve("data"), "not a directory");
        Cli.Result r = Cli.administrator(file).run("status");
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString().startsWith("error: " + file + " is a file");
    }

    @Test
    void aDirectoryInUseIsUnusable() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        try (FileChannel channel = FileChannel.open(data.resolve("quiesce.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            Cli.Result r = Cli.administrator(data).run("pool", "create", "pool1");
            assertThat(held.isValid()).isTrue();
            assertThat(r.exit()).isEqualTo(5);
            assertThat(r.errLines()).singleElement().asString().startsWith("error: data directory")
                    .contains("is in use by another process");
        }
    }

    @Test
    void dataOptionBeatsTheEnvironmentWhichBeatsTheDefault() {
        Cli shell = Cli.in(home, Map.of("QUIESCE_DATA", home.resolve("from-env").toString(),
                "QUIESCE_GROUPS", " Users , Administrators "));
        assertThat(shell.run("pool", "create", "pool1", "--data", "from-option").exit()).isZero();
        assertThat(home.resolve("from-option")).isDirectory();
        assertThat(shell.run("status", "--json").json()).isEqualTo(Map.of("pools", List.of()));
        assertThat(home.resolve("from-env")).isDirectory();

        Cli bare = Cli.in(home, Map.of());
        Cli.Result r = bare.run("status");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("no pools yet: create one with 'quiesce pool create POOL'.\n");
        assertThat(home.resolve("quiesce-data")).isDirectory();
    }
}
