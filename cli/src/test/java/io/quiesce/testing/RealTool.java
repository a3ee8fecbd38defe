package io.quiesce.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real program a test drives (Chromium, HAProxy). On a developer's machine without it the test is
 * skipped; under {@code CI=true} it fails, because {@code .ci/run} installs it and a check that never
 * runs in CI checks nothing.
 */
public final class RealTool {
    private RealTool() {
    }

    /** The executable at {@code path}, or the test is skipped (failed under CI) saying how to install it. */
    public static Path require(Path path, String debianPackage) {
        if (Files.isExecutable(path)) {
            return path;
        }
        String why = path + " is not installed (apt-get install " + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; .ci/run installs it, so under CI=true this is a failure, not a skip");
        }
        assumeTrue(false, why);
        return path;
    }
}
