package dev.zweig.bench.report;

import dev.zweig.bench.report.JmhResults.Row;
import java.util.List;
import java.util.Locale;

/**
 * reports/allocations.svg: one line per benchmark, bytes/op on the left and ops/s on the right, as horizontal
 * bars on logarithmic scales (the values span from zero to hundreds of kilobytes, and from hundreds to millions
 * of renders a second). Zweig's rows are blue, the peers' grey; each bar carries its number. Plain SVG, no script:
 * it opens in any browser and reads at a glance.
 */
public final class AllocationChart {
    private static final int ROW = 22;
    private static final int LABEL = 190;
    private static final int PANEL = 360;
    private static final int GAP = 120;
    private static final int TOP = 70;

    private AllocationChart() {
    }

    public static String svg(List<Row> rows, String subtitle) {
        int width = LABEL + PANEL + GAP + PANEL + 30;
        int height = TOP + rows.size() * ROW + 40;
        double maxBytes = 1;
        double maxOps = 1;
        for (Row r : rows) {
            if (!Double.isNaN(r.bytesPerOp())) {
                maxBytes = Math.max(maxBytes, r.bytesPerOp());
            }
            maxOps = Math.max(maxOps, r.opsPerSec());
        }
        // decades: bytes from 1 B, ops from 100/s
        double bytesDecades = Math.ceil(Math.log10(maxBytes)) + 0.0;
        double opsLow = 2;
        double opsDecades = Math.ceil(Math.log10(maxOps)) - opsLow;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width,
                height));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        sb.append("<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">Zweig: allocation and throughput "
                + "per benchmark (JMH -prof gc)</text>\n");
        sb.append("<text x=\"10\" y=\"40\" fill=\"#555\">").append(escape(subtitle)).append("</text>\n");
        int x1 = LABEL;
        int x2 = LABEL + PANEL + GAP;
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">bytes/op "
                + "(gc.alloc.rate.norm, log scale; lower is better)</text>%n", x1, TOP - 12));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">ops/s "
                + "(log scale; higher is better)</text>%n", x2, TOP - 12));
        int bottom = TOP + rows.size() * ROW;
        // grid lines at each decade
        for (int d = 0; d <= bytesDecades; d++) {
            double x = x1 + PANEL * d / Math.max(1, bytesDecades);
            grid(sb, x, TOP, bottom, d == 0 ? "≤1" : human(Math.pow(10, d)));
        }
        for (int d = 0; d <= opsDecades; d++) {
            double x = x2 + PANEL * d / Math.max(1, opsDecades);
            grid(sb, x, TOP, bottom, human(Math.pow(10, d + opsLow)));
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = TOP + i * ROW;
            if (i % 2 == 1) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "fill=\"#f4f4f4\"/>%n", y, width, ROW));
            }
            String color = r.zweig() ? "#2a6fdb" : "#9a9a9a";
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>%s</text>%n",
                    LABEL - 10, y + 15, r.zweig() ? " font-weight=\"bold\"" : "", escape(r.label())));
            double b = r.bytesPerOp();
            if (Double.isNaN(b)) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#999\">no -prof gc</text>%n",
                        x1 + 4, y + 15));
            } else {
                double w = b <= 1 ? 0 : PANEL * Math.log10(b) / Math.max(1, bytesDecades);
                bar(sb, x1, y, w, color, human(b) + " B");
            }
            double o = r.opsPerSec();
            double w2 = o <= Math.pow(10, opsLow) ? 0 : PANEL * (Math.log10(o) - opsLow) / Math.max(1, opsDecades);
            bar(sb, x2, y, w2, color, human(o) + "/s");
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"#555\">blue: Zweig · grey: peers "
                + "rendering the same page (stocks/*, complex/pebble) · sink = reusable output, "
                + "string = a new String per render</text>%n", bottom + 25));
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void grid(StringBuilder sb, double x, int top, int bottom, String label) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                x, top, x, bottom));
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#777\" "
                + "font-size=\"10\">%s</text>%n", x, bottom + 12, escape(label)));
    }

    private static void bar(StringBuilder sb, int x, int y, double w, String color, String label) {
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                x, y + 4, Math.max(1.5, w), ROW - 8, color));
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>%n",
                x + Math.max(1.5, w) + 4, y + 15, escape(label)));
    }

    /** 0.3, 12, 4.5k, 1.2M. */
    static String human(double v) {
        if (v < 10) {
            return String.format(Locale.ROOT, "%.1f", v).replace(".0", "");
        }
        if (v < 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1000).replace(".0k", "k");
        }
        return String.format(Locale.ROOT, "%.2fM", v / 1_000_000);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
