package org.seqvault.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The chart of the report: one horizontal bar per row that has a baseline, its length SeqVault ÷
 * baseline, green when the row's target is met and red when not, with the target ratio marked.
 */
final class Chart {
    private static final int WIDTH = 1400;
    private static final int LABEL = 640;
    private static final int BAR = 22;
    private static final int GAP = 8;
    private static final int TOP = 60;

    private Chart() {
    }

    static void write(List<Row> rows, String title, Path png) throws IOException {
        List<Row> bars = rows.stream().filter(Row::hasBaseline).toList();
        int height = TOP + bars.size() * (BAR + GAP) + 60;
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 12, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("SeqVault ÷ baseline (same run). Throughput: higher is better; find latency (p99): lower is better."
                + " Black tick: target.", 12, 46);

        double max = Math.max(2.0, bars.stream().mapToDouble(r -> Math.max(r.ratio(), target(r))).max().orElse(2));
        max = Math.min(max, 12);
        int plotWidth = WIDTH - LABEL - 80;
        int y = TOP;
        for (Row r : bars) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(shorten(r.group() + ": " + r.name(), 100), 12, y + BAR - 6);
            double ratio = Math.min(r.ratio(), max);
            int w = (int) Math.round(ratio / max * plotWidth);
            g.setColor(r.target().isNone() ? new Color(0x4C78A8) : r.met() ? new Color(0x54A24B) : new Color(0xE45756));
            g.fillRect(LABEL, y, Math.max(w, 1), BAR);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.2f×", r.ratio()), LABEL + w + 6, y + BAR - 6);
            double t = target(r);
            if (t > 0) {
                int x = LABEL + (int) Math.round(Math.min(t, max) / max * plotWidth);
                g.setStroke(new BasicStroke(3));
                g.drawLine(x, y - 3, x, y + BAR + 3);
                g.setStroke(new BasicStroke(1));
            }
            y += BAR + GAP;
        }
        // The 1× line: parity with the baseline.
        int one = LABEL + (int) Math.round(1 / max * plotWidth);
        g.setColor(Color.GRAY);
        g.drawLine(one, TOP - 6, one, y);
        g.drawString("1×", one - 6, y + 16);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static double target(Row r) {
        Double t = r.target().chartRatio();
        return t == null ? -1 : t;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
