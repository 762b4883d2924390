package org.sigmma.ingest.simulate;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.sigmma.ingest.image.Affine;

/**
 * Renders the pictures of docs/simulator.md: a section overview beside its domain map, and tiles chosen by
 * their truth (tumour with T cells mixed in, tumour with T cells in clumps, stroma with vessels, normal
 * epithelium, an immune aggregate, fat). Run from the repository root:
 * {@code java -cp <test classpath> org.sigmma.ingest.simulate.SimulatorPictures docs/images}.
 */
public final class SimulatorPictures {

    private SimulatorPictures() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(out);
        SimulatedSection s = SectionSimulator.simulate(SimulationParameters.of(20_000, 300, 2024).withDomainScale(300));
        HeRenderer r = new HeRenderer(s);
        int step = HeImageWriter.overviewStep(r.width(), r.height(), 1000);
        BufferedImage overview = new BufferedImage(r.width() / step, r.height() / step, BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < r.height(); v += 256) {
            for (int u = 0; u < r.width(); u += 256) {
                BufferedImage t = r.render(new Rectangle(u, v, 256, 256));
                for (int y = 0; y < 256; y += step) {
                    for (int x = 0; x < 256; x += step) {
                        int ox = (u + x) / step;
                        int oy = (v + y) / step;
                        if (ox < overview.getWidth() && oy < overview.getHeight()) {
                            overview.setRGB(ox, oy, mean(t, x, y, step));
                        }
                    }
                }
            }
        }
        ImageIO.write(overview, "png", out.resolve("sim_overview.png").toFile());
        BufferedImage map = TruthWriter.domainMap(s, Math.max(s.widthUm(), s.heightUm()) / 700);
        ImageIO.write(legend(map), "png", out.resolve("sim_domains.png").toFile());

        SimulatedCells c = s.cells();
        String[][] picks = {
            {"tile_tumour_mixed", "tumour, T cells mixed in"},
            {"tile_tumour_clumped", "tumour, T cells in clumps"},
            {"tile_stroma_vessels", "stroma and vessels"},
            {"tile_epithelium", "normal epithelium"},
            {"tile_immune", "immune aggregate"},
            {"tile_adipose", "fat"}};
        java.util.List<Tiles.Tile> tiles = Tiles.of(c, 128, 20);
        for (String[] pick : picks) {
            Tiles.Tile best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (Tiles.Tile t : tiles) {
                double score = score(s, t, pick[0]);
                if (score > bestScore) {
                    bestScore = score;
                    best = t;
                }
            }
            Affine toPx = s.image().micronsToImage();
            double cx = best.x0() + 64;
            double cy = best.y0() + 64;
            int u = (int) Math.round(toPx.applyX(cx, cy)) - 128;
            int v = (int) Math.round(toPx.applyY(cx, cy)) - 128;
            ImageIO.write(r.render(new Rectangle(u, v, 256, 256)), "png", out.resolve(pick[0] + ".png").toFile());
            System.out.printf("%s: tile (%d, %d) %s%n", pick[0], best.col(), best.row(), pick[1]);
        }
        System.out.printf("section %.0f x %.0f um, %d cells; image %d x %d px, overview 1:%d%n",
                s.widthUm(), s.heightUm(), c.size(), r.width(), r.height(), step);
    }

    private static double score(SimulatedSection s, Tiles.Tile t, String what) {
        SimulatedCells c = s.cells();
        double[] d = Tiles.domainShares(c, t);
        double[] ty = Tiles.typeShares(c, t);
        double mixing = 0;
        for (int i : t.cells()) {
            mixing += c.mixing()[i] / t.cells().length;
        }
        double tumour = d[Domain.TUMOUR.ordinal()];
        for (double y = t.y0() + 2; y < t.y0() + 128; y += 4) {
            for (double x = t.x0() + 2; x < t.x0() + 128; x += 4) {
                if (!s.inTissue(x, y)) {
                    return -10;
                }
            }
        }
        double t4 = ty[CellType.T_CELL.ordinal()];
        return switch (what) {
            case "tile_tumour_mixed" -> tumour >= 0.95 && t4 >= 0.12 ? mixing : -1;
            case "tile_tumour_clumped" -> tumour >= 0.95 && t4 >= 0.12 ? 1 - mixing : -1;
            case "tile_stroma_vessels" -> d[Domain.STROMA.ordinal()] + d[Domain.VESSEL_RICH.ordinal()]
                    + 0.3 * ty[CellType.ENDOTHELIAL.ordinal()] * 10;
            case "tile_epithelium" -> d[Domain.EPITHELIUM.ordinal()] + ty[CellType.EPITHELIAL.ordinal()];
            case "tile_immune" -> d[Domain.IMMUNE_AGGREGATE.ordinal()] + 0.5 * tumour;
            default -> d[Domain.ADIPOSE.ordinal()] + ty[CellType.ADIPOCYTE.ordinal()];
        };
    }

    private static int mean(BufferedImage t, int x0, int y0, int step) {
        long r = 0;
        long g = 0;
        long b = 0;
        int n = 0;
        for (int y = y0; y < y0 + step; y++) {
            for (int x = x0; x < x0 + step; x++) {
                int p = t.getRGB(x, y);
                r += p >> 16 & 0xFF;
                g += p >> 8 & 0xFF;
                b += p & 0xFF;
                n++;
            }
        }
        return (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
    }

    private static BufferedImage legend(BufferedImage map) {
        int pad = 190;
        BufferedImage out = new BufferedImage(map.getWidth() + pad, map.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(map, 0, 0, null);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (Domain d : Domain.ALL) {
            int y = 20 + 22 * d.ordinal();
            g.setColor(new Color(TruthWriter.DOMAIN_COLOURS[d.ordinal()]));
            g.fillRect(map.getWidth() + 10, y, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(d.label(), map.getWidth() + 30, y + 12);
        }
        g.dispose();
        return out;
    }
}
