package org.sigmma.ingest.image.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sigmma.ingest.image.HeImageSource;
import org.sigmma.ingest.image.TestImagesAccess;
import org.sigmma.ingest.simulate.SlideTiffWriter;
import org.sigmma.store.TempDirs;

/**
 * The simulator's slide writer against the reader, for what the JDK cannot read (BigTIFF, pyramids, Aperio order):
 * every level against pixels computed here, exactly for lossless compressions, within JPEG's error for JPEG.
 */
class SlideTiffRoundTripTest {

    @TempDir(factory = TempDirs.Factory.class)
    Path tmp;

    static Path write(BufferedImage img, Path file, SlideTiffWriter.Format f, double umPerPx, String ome) throws Exception {
        int t = f.tile();
        try (SlideTiffWriter w = new SlideTiffWriter(file, img.getWidth(), img.getHeight(), f, umPerPx, ome)) {
            for (int ty = 0; ty < w.tilesDown(); ty++) {
                List<byte[]> row = new ArrayList<>();
                for (int tx = 0; tx < w.tilesAcross(); tx++) {
                    byte[] rgb = new byte[t * t * 3];
                    for (int y = 0; y < t; y++) {
                        for (int x = 0; x < t; x++) {
                            int u = Math.min(img.getWidth() - 1, tx * t + x);
                            int v = Math.min(img.getHeight() - 1, ty * t + y);
                            int p = img.getRGB(u, v);
                            int o = 3 * (y * t + x);
                            rgb[o] = (byte) (p >> 16);
                            rgb[o + 1] = (byte) (p >> 8);
                            rgb[o + 2] = (byte) p;
                        }
                    }
                    row.add(rgb);
                }
                w.writeTileRow(row);
            }
        }
        return file;
    }

    /** The next level as the writer defines it: 2 x 2 means, rounded, the last row and column repeated. */
    static BufferedImage half(BufferedImage a) {
        int w = (a.getWidth() + 1) / 2;
        int h = (a.getHeight() + 1) / 2;
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int x1 = Math.min(a.getWidth() - 1, 2 * x + 1);
                int y1 = Math.min(a.getHeight() - 1, 2 * y + 1);
                int[] p = {a.getRGB(2 * x, 2 * y), a.getRGB(x1, 2 * y), a.getRGB(2 * x, y1), a.getRGB(x1, y1)};
                int rgb = 0;
                for (int s = 16; s >= 0; s -= 8) {
                    int sum = 0;
                    for (int q : p) {
                        sum += (q >> s) & 0xFF;
                    }
                    rgb |= ((sum + 2) / 4) << s;
                }
                b.setRGB(x, y, rgb);
            }
        }
        return b;
    }

    /** Smooth enough for JPEG to keep: stained-looking blobs over a slow gradient. */
    static BufferedImage smooth(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0.5 + 0.5 * Math.sin(x / 23.0) * Math.cos(y / 17.0);
                int r = (int) (230 - 60 * s);
                int g = (int) (200 - 120 * s);
                int b = (int) (220 - 40 * s + y / 10);
                img.setRGB(x, y, r << 16 | g << 8 | Math.min(255, b));
            }
        }
        return img;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {"none,tile=64,levels=3,layout=subifds,big", "deflate,tile=64,levels=3,layout=subifds,big",
            "lzw,tile=64,levels=3,layout=chain,big", "packbits,tile=48,levels=2,layout=chain,classic",
            "deflate,strips=32,levels=1,big", "lzw,strips=16,levels=2,layout=chain,big", "none,tile=64,levels=3,layout=aperio,big",
            "jpeg,tile=64,levels=3,layout=subifds,big", "jpeg,strips=32,levels=1,classic", "jpeg,tile=64,levels=3,layout=aperio,big"})
    void everyLevelReadsBack(String spec) throws Exception {
        SlideTiffWriter.Format f = SlideTiffWriter.Format.parse(spec);
        boolean jpeg = f.compression() == SlideTiffWriter.Compression.JPEG;
        BufferedImage img = jpeg ? smooth(301, 203) : TestImagesAccess.pattern(301, 203);
        Path file = write(img, tmp.resolve("slide.tif"), f, 0.25, null);
        try (TiffHeImage slide = TiffHeImage.open(file)) {
            assertEquals(f.bigTiff(), slide.bigTiff());
            assertEquals(f.levels(), slide.levelCount(), slide.toString());
            assertEquals(0.25, slide.calibration().orElseThrow().umPerPx(), 1e-6);
            BufferedImage expected = img;
            for (int l = 0; l < slide.levelCount(); l++) {
                HeImageSource level = slide.level(l);
                assertEquals(expected.getWidth(), level.width(), "level " + l);
                assertEquals(expected.getHeight(), level.height(), "level " + l);
                BufferedImage got = level.read(new Rectangle(0, 0, level.width(), level.height()));
                double[] err = errors(expected, got);
                if (jpeg) {
                    // quality 0.85 on smooth content: a few levels of mean error, a few tens at worst
                    assertTrue(err[0] < 3 && err[1] <= 40, spec + " level " + l + ": mean " + err[0] + ", max " + err[1]);
                } else {
                    assertEquals(0, err[1], spec + " level " + l);
                }
                // a region and a stepped read agree with the whole-level read
                Rectangle r = new Rectangle(level.width() / 3, level.height() / 4, level.width() / 2, level.height() / 2);
                assertEquals(0, errors(got.getSubimage(r.x, r.y, r.width, r.height), level.read(r))[1]);
                BufferedImage stepped = level.read(r, 3);
                for (int k = 0; k < stepped.getHeight(); k++) {
                    for (int j = 0; j < stepped.getWidth(); j++) {
                        assertEquals(got.getRGB(r.x + 3 * j, r.y + 3 * k), stepped.getRGB(j, k));
                    }
                }
                expected = half(expected);
            }
        }
    }

    static double[] errors(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        long sum = 0;
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    int d = Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF));
                    sum += d;
                    max = Math.max(max, d);
                }
            }
        }
        return new double[] {sum / (3.0 * a.getWidth() * a.getHeight()), max};
    }
}
