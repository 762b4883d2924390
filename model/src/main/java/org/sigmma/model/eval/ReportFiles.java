package org.sigmma.model.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** An evaluation report as JSON, a Markdown table and two PNG plots (recall at p%, per-gene PCC). */
public final class ReportFiles {

    public static final String JSON_FILE = "evaluation.json";
    public static final String MARKDOWN_FILE = "evaluation.md";
    public static final String RECALL_PLOT = "recall.png";
    public static final String GENE_PLOT = "gene-pcc.png";
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    /** Writes the four files into {@code dir}; returns the JSON document's text. */
    public static String write(Evaluation.Report r, String title, Path dir) throws IOException {
        Files.createDirectories(dir);
        String json = json(r, title);
        Files.writeString(dir.resolve(JSON_FILE), json);
        Files.writeString(dir.resolve(MARKDOWN_FILE), markdown(r, title));
        ImageIO.write(recallPlot(r, title), "png", dir.resolve(RECALL_PLOT).toFile());
        ImageIO.write(genePlot(r, title), "png", dir.resolve(GENE_PLOT).toFile());
        return json;
    }

    /** The metrics as a JSON document (undefined values as null). */
    public static String json(Evaluation.Report r, String title) throws IOException {
        return MAPPER.writeValueAsString(tree(r, title));
    }

    public static Map<String, Object> tree(Evaluation.Report r, String title) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", title);
        root.put("tiles", Map.of("train", r.trainTiles(), "validation", r.validationTiles(), "test", r.testTiles()));
        root.put("genes", r.genes());
        List<Map<String, Object>> t1 = new ArrayList<>();
        for (Evaluation.ProbeRow p : r.expression()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", p.input());
            m.put("pcaComponents", p.components());
            m.put("alpha", num(p.alpha()));
            m.put("mse", meanStd(p.mse()));
            m.put("pcc", meanStd(p.pcc()));
            m.put("perGenePcc", meanStd(p.perGenePcc()));
            m.put("genePcc", Arrays.stream(p.genePcc()).mapToObj(ReportFiles::num).toList());
            t1.add(m);
        }
        root.put("geneExpression", t1);
        List<Map<String, Object>> t2 = new ArrayList<>();
        for (Evaluation.RecallRow row : r.retrieval()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scale", row.scale());
            m.put("direction", row.direction());
            m.put("candidates", row.candidates());
            m.put("queries", row.queries());
            for (int f = 0; f < Evaluation.FRACTIONS.length; f++) {
                int pct = (int) Math.round(Evaluation.FRACTIONS[f] * 100);
                m.put("recallAt" + pct, num(row.recall()[f]));
                m.put("chanceAt" + pct, num(row.chance()[f]));
            }
            t2.add(m);
        }
        root.put("retrieval", t2);
        return root;
    }

    public static String markdown(Evaluation.Report r, String title) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title).append("\n\n");
        b.append(String.format(Locale.ROOT, "Tiles: %d train, %d validation, %d test. Genes: the %d most variable across "
                + "the training tiles (tile mean log1p CP10k).%n%n", r.trainTiles(), r.validationTiles(), r.testTiles(),
                r.genes().length));
        b.append("## Task 1: gene-expression prediction (test tiles)\n\n");
        b.append("| input | PCA | alpha | MSE | PCC (per tile) | PCC (per gene) |\n| --- | --- | --- | --- | --- | --- |\n");
        for (Evaluation.ProbeRow p : r.expression()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", p.input(),
                    p.components() == 0 ? "-" : Integer.toString(p.components()),
                    Double.isNaN(p.alpha()) ? "-" : String.format(Locale.ROOT, "%.3g", p.alpha()), fmt(p.mse()),
                    fmt(p.pcc()), fmt(p.perGenePcc())));
        }
        b.append("\n## Task 2: cross-modal retrieval (test tiles)\n\n");
        b.append("| scale | direction | candidates | R@5% | R@10% | R@15% | chance @5/10/15% |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Evaluation.RecallRow row : r.retrieval()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s (%d) | %.3f | %.3f | %.3f | %.3f / %.3f / %.3f |%n",
                    row.scale(), row.direction(), row.candidates(), row.queries(), row.recall()[0], row.recall()[1],
                    row.recall()[2], row.chance()[0], row.chance()[1], row.chance()[2]));
        }
        return b.toString();
    }

    static String fmt(Stats.MeanStd m) {
        return m.n() == 0 ? "n/a" : m.toString();
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Object meanStd(Stats.MeanStd m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("mean", num(m.mean()));
        o.put("std", num(m.std()));
        o.put("n", m.n());
        return o;
    }

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    /** Recall against p for each scale and direction (all candidates), with the chance line. */
    static BufferedImage recallPlot(Evaluation.Report r, String title) {
        int w = 800;
        int h = 480;
        BufferedImage img = canvas(w, h);
        Graphics2D g = img.createGraphics();
        setup(g);
        int x0 = 70;
        int y0 = h - 60;
        int pw = 430;
        int ph = h - 120;
        axes(g, x0, y0, pw, ph, title + ": Recall@p% (test tiles)", "p (%)", "recall");
        for (int t = 0; t <= 4; t++) {
            yTick(g, x0, y0 - t * ph / 4, String.format(Locale.ROOT, "%.2f", t / 4.0));
        }
        for (int p = 5; p <= 15; p += 5) {
            xTick(g, x0 + (int) (p / 20.0 * pw), y0, Integer.toString(p));
        }
        List<String> scales = new ArrayList<>();
        double[] xs = {5, 10, 15};
        int series = 0;
        int legendY = 70;
        for (Evaluation.RecallRow row : r.retrieval()) {
            if (!row.candidates().equals("all")) {
                continue;
            }
            if (!scales.contains(row.scale())) {
                scales.add(row.scale());
            }
            g.setColor(PALETTE[scales.indexOf(row.scale()) % PALETTE.length]);
            g.setStroke(row.direction().equals("he2st") ? new BasicStroke(2.5f)
                    : new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 5}, 0));
            int[] px = new int[3];
            int[] py = new int[3];
            for (int i = 0; i < 3; i++) {
                px[i] = x0 + (int) ((xs[i] - 0) / 20.0 * pw);
                py[i] = y0 - (int) (row.recall()[i] * ph);
            }
            g.drawPolyline(px, py, 3);
            g.drawLine(x0 + pw + 20, legendY, x0 + pw + 50, legendY);
            g.setColor(Color.BLACK);
            g.drawString(row.scale() + " " + row.direction(), x0 + pw + 56, legendY + 5);
            legendY += 20;
            series++;
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 4}, 0));
        g.drawLine(x0, y0, x0 + pw, y0 - (int) (0.20 * ph)); // chance: recall = p
        g.drawString("chance", x0 + pw - 50, y0 - (int) (0.20 * ph) - 6);
        g.dispose();
        return img;
    }

    /** Per-gene PCC of the HE probes, genes sorted by the concatenated probe's PCC. */
    static BufferedImage genePlot(Evaluation.Report r, String title) {
        int w = 980;
        int h = 460;
        BufferedImage img = canvas(w, h);
        Graphics2D g = img.createGraphics();
        setup(g);
        int x0 = 70;
        int y0 = h - 60;
        int pw = w - 250;
        int ph = h - 120;
        axes(g, x0, y0, pw, ph, title + ": per-gene PCC (test tiles)", "genes, by PCC of he-concat", "PCC");
        for (int t = -2; t <= 2; t++) {
            yTick(g, x0, y0 - (t + 2) * ph / 4, String.format(Locale.ROOT, "%.1f", t / 2.0));
        }
        List<Evaluation.ProbeRow> rows = r.expression().stream().filter(p -> p.perGenePcc().n() > 0).toList();
        Evaluation.ProbeRow concat = r.row("he-concat");
        int n = r.genes().length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] key = concat.genePcc();
        Arrays.sort(order, (a, b) -> Double.compare(nan0(key[b]), nan0(key[a])));
        int legendY = 70;
        for (int s = 0; s < rows.size(); s++) {
            Evaluation.ProbeRow row = rows.get(s);
            g.setColor(PALETTE[s % PALETTE.length]);
            for (int i = 0; i < n; i++) {
                double v = row.genePcc()[order[i]];
                if (Double.isNaN(v)) {
                    continue;
                }
                int x = x0 + (int) ((i + 0.5) / n * pw);
                int y = y0 - (int) ((v + 1) / 2 * ph);
                g.fillOval(x - 3, y - 3, 7, 7);
            }
            g.fillOval(x0 + pw + 20, legendY - 4, 8, 8);
            g.setColor(Color.BLACK);
            g.drawString(row.input() + String.format(Locale.ROOT, " (mean %.3f)", row.perGenePcc().mean()),
                    x0 + pw + 34, legendY + 5);
            legendY += 20;
        }
        g.dispose();
        return img;
    }

    private static void yTick(Graphics2D g, int x0, int y, String label) {
        g.setColor(Color.BLACK);
        g.drawLine(x0 - 4, y, x0, y);
        g.drawString(label, x0 - 36, y + 4);
    }

    private static void xTick(Graphics2D g, int x, int y0, String label) {
        g.setColor(Color.BLACK);
        g.drawLine(x, y0, x, y0 + 4);
        g.drawString(label, x - 6, y0 + 18);
    }

    private static double nan0(double v) {
        return Double.isNaN(v) ? -2 : v;
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static void setup(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    private static void axes(Graphics2D g, int x0, int y0, int pw, int ph, String title, String xLabel, String yLabel) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(x0, y0, x0 + pw, y0);
        g.drawLine(x0, y0, x0, y0 - ph);
        g.drawString(title, x0, 30);
        g.drawString(xLabel, x0 + pw / 2 - 40, y0 + 40);
        g.drawString(yLabel, 4, y0 - ph / 2 - 14);
    }
}
