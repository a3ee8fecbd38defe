package io.quiesce.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AdminToolTest {
    @TempDir
    Path dir;

    @Test
    void stopsTheServerOnceTheListenerSaysItIsDrained() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AdminTool.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("pause fe01: done, 9 services changed")
                .contains("stop fe01 (too early): refused, SESSIONS_ACTIVE")
                .contains("listener: Lync Server Front-End on fe01 is drained")
                .contains("stop fe01: done, 9 services changed")
                .contains("fe01 is OFFLINE");
        assertThat(out.indexOf("listener: Lync Server Front-End on fe01 is drained"))
                .isLessThan(out.indexOf("stop fe01: done"));
    }
}
