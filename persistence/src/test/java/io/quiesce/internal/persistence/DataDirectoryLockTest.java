package io.quiesce.internal.persistence;

import io.quiesce.DataDirectoryException;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only one process may hold a data directory; a second one is told so at once, not after a recovery timeout. */
class DataDirectoryLockTest {
    @TempDir
    Path dir;

    @Test
    void givenAnOpenDirectory_whenItIsOpenedAgainInTheSameProcess_thenItIsRefusedNamingTheDirectory() {
        try (Quiesce first = Quiesce.open(QuiesceOptions.at(dir).withFsync(false))) {
            assertThatThrownBy(() -> Quiesce.open(QuiesceOptions.at(dir).withFsync(false)))
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString())
                    .hasMessageContaining("in use by another process");
        }
        // Released on close: it opens again.
        try (Quiesce again = Quiesce.open(QuiesceOptions.at(dir).withFsync(false))) {
            assertThat(again.status().pools()).isEmpty();
        }
    }

    @Test
    void givenAnOpenDirectory_whenAnotherProcessOpensIt_thenItFailsWithinTwoSeconds() throws Exception {
        try (Quiesce first = Quiesce.open(QuiesceOptions.at(dir).withFsync(false))) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OpenOnce.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(child.exitValue()).as(output).isEqualTo(5);
            Matcher refused = Pattern.compile("refused after (\\d+) ms: (.*)").matcher(output);
            assertThat(refused.find()).as(output).isTrue();
            assertThat(Long.parseLong(refused.group(1))).isLessThan(2000);
            assertThat(refused.group(2)).contains(dir.toAbsolutePath().toString());
        }
    }

    @Test
    void theDataDirectoryIsCreatedForItsOwnerOnly() throws IOException {
        Path data = dir.resolve("fresh");
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(data).withFsync(false))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            assertThat(Files.isDirectory(data.resolve("journal"))).isTrue();
            assertThat(Files.isDirectory(data.resolve("snapshots"))).isTrue();
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsRefusedNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> Quiesce.open(file.resolve("data")))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining(file.resolve("data").toString());
    }
}
