package io.quiesce.benchmarks;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/** The markdown of docs/benchmarks.md. */
final class Report {
    /**
     * What one benchmark gave: its figures or why it failed, and how it was measured (its method's text
     * as it stood after the run, which may name sizes the run found). Plain values, so that a benchmark run
     * in a JVM of its own can hand it back.
     */
    record Section(String id, String title, String method, String settings, List<Figure> figures, String failure,
                   double seconds) implements Serializable {
    }

    private Report() {
    }

    static String markdown(String date, String command, String machine, String jvm, String loadBefore,
                           String loadAfter, double totalSeconds, boolean smoke, List<Section> sections) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `").append(command).append("` on ").append(date)
                .append(". Do not edit by hand: run the command again.\n\n");
        if (smoke) {
            md.append("**Smoke run at tiny sizes: these figures mean nothing.**\n\n");
        }
        md.append("- Machine: ").append(machine).append('\n');
        md.append("- JVM of the harness: ").append(jvm).append('\n');
        md.append("- Load average (1, 5, 15 min) at the start: ").append(loadBefore).append("; at the end: ")
                .append(loadAfter).append(". On a machine with ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores a load above that means other work competed for the CPU and the figures are noisy.\n");
        md.append(String.format(Locale.ROOT, "- Whole run: %.1f min.%n", totalSeconds / 60));
        md.append("- Median over the measured iterations; spread is min – max of the iterations (a ratio's spread is"
                + " the ratio of the extremes). Warm-up iterations are discarded. Each benchmark runs in a JVM of"
                + " its own, with the harness's heap and collector, so that neither the garbage nor the compiled code"
                + " of the one before shapes it, and starts after `sync`, so that the writes of the one before do not"
                + " compete with it."
                + (java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                        .contains("-XX:+AlwaysPreTouch") ? " Each benchmark's JVM touches every page of its heap as it starts"
                        + " (`-XX:+AlwaysPreTouch`), as a process that has run a while has: otherwise the first minute"
                        + " of a benchmark pays the OS for each page the collector uses for the first time (B1 through"
                        + " the API measured about a quarter slower that way)." : "")
                + "\n\n");
        md.append("| | figure | median | spread (min – max) | unit | iterations | notes |\n");
        md.append("|---|---|---:|---:|---|---:|---|\n");
        for (Section s : sections) {
            if (s.failure() != null) {
                md.append("| ").append(s.id()).append(" | ").append(s.title())
                        .append(" | failed | | | | ").append(escape(s.failure())).append(" |\n");
                continue;
            }
            for (Figure f : s.figures()) {
                Summary m = f.summary();
                md.append("| ").append(f.id()).append(" | ").append(escape(f.name())).append(" | ")
                        .append(number(m.median())).append(" | ").append(number(m.min())).append(" – ")
                        .append(number(m.max())).append(" | ").append(f.unit()).append(" | ").append(m.n())
                        .append(" | ").append(escape(f.note())).append(" |\n");
            }
        }
        md.append("\n## How each figure is measured\n\n");
        for (Section s : sections) {
            md.append(String.format(Locale.ROOT, "- **%s %s** (%.0f s). %s Sizes: %s.%n", s.id(), s.title(),
                    s.seconds(), s.method(), s.settings()));
        }
        md.append("\nSizes are system properties `quiesce.bench.KEY` (for example"
                + " `benchmarks/run-all.sh -Dquiesce.bench.b3.events=200000 -Dquiesce.bench.only=B3`);"
                + " `quiesce.bench.iterations` and `quiesce.bench.warmups` set the repetitions of all of them.\n");
        return md.toString();
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        } else if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        } else if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        } else if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
