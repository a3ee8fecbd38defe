package io.quiesce.benchmarks;

import java.nio.file.Path;
import java.util.List;

/** One benchmark of the table: runs, and says how it measured. */
interface Benchmark {
    /** B1 ... B7. */
    String id();

    String title();

    /**
     * Runs at the sizes of {@code settings}, in scratch directories under {@code work}.
     *
     * @return its rows; every figure positive
     */
    List<Figure> run(Settings settings, Path work) throws Exception;

    /** How it measures, in a sentence or two, for the report. */
    String method();
}
