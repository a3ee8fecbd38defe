package io.quiesce.benchmarks;

import io.quiesce.JournalDatabase;
import io.quiesce.internal.persistence.journal.postgres.PrivatePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark once, at tiny sizes, so that the build keeps them working. It asserts that each
 * produced positive figures, never how fast anything was. B9's cluster runs on a private PostgreSQL.
 */
@ExtendWith(PrivatePostgres.class)
class BenchmarksSmokeTest {
    @TempDir
    Path dir;

    @Test
    void everyBenchmarkProducesPositiveFigures(PrivatePostgres.Databases databases) throws Exception {
        JournalDatabase journal = databases.create();
        System.setProperty("quiesce.bench.b9.journal", journal.url());
        System.setProperty("quiesce.bench.b9.user", journal.user());
        System.setProperty("quiesce.bench.out", dir.resolve("benchmarks.md").toString());
        System.setProperty("quiesce.bench.dir", dir.resolve("work").toString());
        // B5 looks for cli/target/quiesce.jar from here; the test runs in the benchmarks module.
        System.setProperty("quiesce.bench.root", Path.of("").toAbsolutePath().getParent().toString());
        try {
            RunAll.Result result = RunAll.run(new Settings(true));

            assertThat(result.sections()).extracting(s -> s.id())
                    .containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9");
            assertThat(result.sections()).allSatisfy(s -> {
                assertThat(s.failure()).as(s.id()).isNull();
                assertThat(s.figures()).as(s.id()).isNotEmpty().allSatisfy(f -> {
                    assertThat(f.summary().median()).as(f.name()).isPositive();
                    assertThat(f.summary().min()).as(f.name()).isPositive();
                });
            });
            assertThat(Files.readString(result.out())).contains("| B1 |", "| B6 |", "| B7 |", "Load average");
        } finally {
            System.clearProperty("quiesce.bench.out");
            System.clearProperty("quiesce.bench.dir");
            System.clearProperty("quiesce.bench.root");
            System.clearProperty("quiesce.bench.b9.journal");
            System.clearProperty("quiesce.bench.b9.user");
        }
    }
}
