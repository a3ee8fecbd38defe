package io.quiesce.formats.history;

import io.quiesce.history.*;
import io.quiesce.service.ServiceStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A replay as one self-contained HTML page (no script, no network): an SVG timeline with a lane
 * per service coloured by state, its session count drawn over it, markers for administrative
 * acts and findings, and the findings and interruptions listed below. The timeline always fits
 * the page width, so a day-long incident needs no sideways scrolling.
 */
public final class HtmlReport {
    private static final int WIDTH = 1160;
    private static final int LABEL = 250;
    private static final int LANE = 16;
    private static final int TOP = 40;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ISO_INSTANT;

    private HtmlReport() {
    }

    /** The replay as one self-contained HTML page, titled {@code title}. */
    public static String render(ReplayResult result, String title) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:20px;color:#222}")
                .append("h1{font-size:20px}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;")
                .append("border-bottom:1px solid #ddd}.legend span{display:inline-block;width:12px;height:12px;")
                .append("margin:0 4px 0 12px;vertical-align:middle}</style></head><body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n");
        Timeline t = result.timeline();
        html.append("<p>").append(result.lines()).append(" lines replayed");
        if (t.first() != null) {
            html.append(", from ").append(STAMP.format(t.first())).append(" to ").append(STAMP.format(t.last()));
        }
        html.append(". Sessions interrupted: <b>").append(result.interrupted()).append("</b>. Connections lost: <b>")
                .append(result.lostConnections()).append("</b>. Findings: <b>").append(result.findings().size())
                .append("</b>.</p>\n");
        html.append("<p class=\"legend\">");
        for (ServiceStatus s : ServiceStatus.values()) {
            html.append("<span style=\"background:").append(colour(s)).append("\"></span>").append(s.name());
        }
        html.append("<span style=\"background:#000;height:2px\"></span>sessions")
                .append("<span style=\"background:#555\"></span>administrative act")
                .append("<span style=\"background:#d62728\"></span>finding</p>\n");
        if (t.first() != null) {
            svg(html, result);
        }
        findings(html, result.findings());
        interruptions(html, t);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void svg(StringBuilder html, ReplayResult result) {
        Timeline t = result.timeline();
        List<Timeline.Lane> lanes = t.lanes();
        Instant start = t.first();
        Instant end = t.last().equals(start) ? start.plusSeconds(60) : t.last();
        double span = Duration.between(start, end).toMillis();
        int height = TOP + lanes.size() * LANE + 30;
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"timeline\">\n");
        html.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        axis(html, start, end, span, height);
        for (int i = 0; i < lanes.size(); i++) {
            lane(html, lanes.get(i), TOP + i * LANE, start, end, span);
        }
        for (Timeline.AdminAct a : t.acts()) {
            double x = x(a.at(), start, span);
            html.append("<path d=\"M").append(fmt(x - 4)).append(' ').append(TOP - 14).append(" h8 l-4 7 z\" fill=\"#555\">")
                    .append("<title>").append(escape(STAMP.format(a.at()) + " " + a.by() + ": " + a.what()
                            + (a.server() != null ? " " + a.server() : "") + (a.service() != null ? " / "
                            + a.service() : "") + (a.reason() != null ? " (" + a.reason() + ")" : "")))
                    .append("</title></path>\n");
        }
        for (Finding f : result.findings()) {
            double x = x(f.at(), start, span);
            html.append("<path d=\"M").append(fmt(x)).append(' ').append(TOP - 7).append(" l4 -4 l-4 -4 l-4 4 z\"")
                    .append(" fill=\"#d62728\"><title>").append(escape(STAMP.format(f.at()) + " " + f.code() + ": "
                            + f.detail())).append("</title></path>\n");
        }
        html.append("</svg>\n");
    }

    private static void axis(StringBuilder html, Instant start, Instant end, double span, int height) {
        long minutes = Math.max(1, Duration.between(start, end).toMinutes());
        long step = minutes <= 15 ? 1 : minutes <= 90 ? 10 : minutes <= 360 ? 30 : minutes <= 1440 ? 120 : 360;
        Instant tick = start.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        while (tick.isBefore(start)) {
            tick = tick.plus(Duration.ofMinutes(1));
        }
        while (tick.getEpochSecond() / 60 % step != 0) {
            tick = tick.plus(Duration.ofMinutes(1));
        }
        for (; !tick.isAfter(end); tick = tick.plus(Duration.ofMinutes(step))) {
            double x = x(tick, start, span);
            html.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"")
                    .append(TOP - 2).append("\" y2=\"").append(height - 24).append("\" stroke=\"#eee\"/>")
                    .append("<text x=\"").append(fmt(x)).append("\" y=\"").append(height - 10)
                    .append("\" font-size=\"11\" text-anchor=\"middle\">").append(TIME.format(tick)).append("</text>\n");
        }
    }

    private static void lane(StringBuilder html, Timeline.Lane lane, int y, Instant start, Instant end, double span) {
        html.append("<text x=\"4\" y=\"").append(y + LANE - 4).append("\" font-size=\"11\">")
                .append(escape(lane.server() + " " + lane.service().replace("Lync Server ", ""))).append("</text>\n");
        for (Timeline.Interval interval : lane.intervals()) {
            double x1 = x(interval.from(), start, span);
            double x2 = x(interval.to() == null ? end : interval.to(), start, span);
            html.append("<rect x=\"").append(fmt(x1)).append("\" y=\"").append(y + 1).append("\" width=\"")
                    .append(fmt(Math.max(1, x2 - x1))).append("\" height=\"").append(LANE - 2).append("\" fill=\"")
                    .append(colour(interval.status())).append("\"><title>").append(escape(lane.server() + " "
                            + lane.service() + ": " + interval.status() + " from " + STAMP.format(interval.from())))
                    .append("</title></rect>\n");
        }
        List<Timeline.Sample> samples = lane.samples();
        int peak = samples.stream().mapToInt(Timeline.Sample::sessions).max().orElse(0);
        if (peak == 0) {
            return;
        }
        StringBuilder points = new StringBuilder();
        int previous = 0;
        for (Timeline.Sample s : samples) {
            double x = x(s.at(), start, span);
            points.append(fmt(x)).append(',').append(fmt(level(previous, peak, y))).append(' ')
                    .append(fmt(x)).append(',').append(fmt(level(s.sessions(), peak, y))).append(' ');
            previous = s.sessions();
        }
        points.append(fmt(x(end, start, span))).append(',').append(fmt(level(previous, peak, y)));
        html.append("<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"1\" points=\"").append(points)
                .append("\"><title>").append(escape(lane.server() + " " + lane.service() + ": up to " + peak
                        + " sessions")).append("</title></polyline>\n");
    }

    private static double level(int sessions, int peak, int y) {
        return y + LANE - 2 - (LANE - 4) * (double) sessions / peak;
    }

    private static double x(Instant at, Instant start, double span) {
        return LABEL + (WIDTH - LABEL - 10) * (Duration.between(start, at).toMillis() / span);
    }

    private static void findings(StringBuilder html, List<Finding> findings) {
        html.append("<h2>Findings</h2>\n");
        if (findings.isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        html.append("<table><tr><th>at</th><th>code</th><th>where</th><th>detail</th></tr>\n");
        for (Finding f : findings) {
            html.append("<tr><td>").append(STAMP.format(f.at())).append("</td><td>").append(f.code())
                    .append("</td><td>").append(escape(String.join(" ", nonNull(f.pool(), f.server(), f.service()))))
                    .append("</td><td>").append(escape(f.detail())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void interruptions(StringBuilder html, Timeline t) {
        html.append("<h2>Interrupted sessions</h2>\n");
        if (t.interruptions().isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        html.append("<table><tr><th>at</th><th>session</th><th>feature</th><th>where</th><th>cause</th></tr>\n");
        for (Timeline.Interruption i : t.interruptions()) {
            html.append("<tr><td>").append(STAMP.format(i.at())).append("</td><td>").append(escape(i.label()))
                    .append("</td><td>").append(escape(i.feature() == null ? "" : i.feature())).append("</td><td>")
                    .append(escape(i.server() + " " + i.service())).append("</td><td>")
                    .append(i.cause().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (t.interruptionsNotDetailed() > 0) {
            html.append("<p>… and ").append(t.interruptionsNotDetailed()).append(" more.</p>\n");
        }
    }

    private static List<String> nonNull(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> p != null).toList();
    }

    private static String colour(ServiceStatus status) {
        return switch (status) {
            case RUNNING -> "#4caf50";
            case PAUSING -> "#ffb300";
            case DRAINED -> "#42a5f5";
            case OFFLINE -> "#9e9e9e";
        };
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
