package io.quiesce.benchmarks;

import java.io.Serializable;

/**
 * One row of the table.
 *
 * @param id      the benchmark (B1 ... B7)
 * @param name    what was measured
 * @param unit    unit of the figures
 * @param summary median and spread over the measured iterations
 * @param note    what the reader needs to interpret it (may be empty)
 */
record Figure(String id, String name, String unit, Summary summary, String note) implements Serializable {
    Figure {
        note = note == null ? "" : note;
    }

    static Figure of(String id, String name, String unit, double[] values, String note) {
        return new Figure(id, name, unit, Summary.of(values), note);
    }

    /** A ratio of two figures: median over median; spread from the extremes (min/max, max/min). */
    static Figure ratio(String id, String name, Figure top, Figure bottom, String note) {
        Summary a = top.summary();
        Summary b = bottom.summary();
        double median = a.median() / b.median();
        double min = a.min() / b.max();
        double max = a.max() / b.min();
        return new Figure(id, name, "ratio", new Summary(median, min, max, min, max, Math.min(a.n(), b.n())),
                note);
    }
}
