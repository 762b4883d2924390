package org.sigmma.ingest.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.store.TempDirs;

/**
 * Crops under a registration with scale, rotation and translation. Expected positions come from the inverse
 * composed by hand (scale^-1 rotation(-theta) translation^-1), not from {@link Affine#inverse()}.
 */
class HeCropperTest {

    @TempDir(factory = TempDirs.Factory.class)
    Path tmp;

    static final double S = 0.5;
    static final double THETA = 0.1;
    static final double TX = 500;
    static final double TY = 300;
    /** image pixels -> micrometres: scale, then rotate, then shift. */
    static final Affine TO_UM = Affine.translation(TX, TY).after(Affine.rotation(THETA)).after(Affine.scale(S));

    /** micrometres -> image pixel coordinates, written out by hand. */
    static double[] toImage(double x, double y) {
        double dx = x - TX;
        double dy = y - TY;
        double rx = Math.cos(THETA) * dx + Math.sin(THETA) * dy;
        double ry = -Math.sin(THETA) * dx + Math.cos(THETA) * dy;
        return new double[] {rx / S, ry / S};
    }

    private static void assertGradientCrop(BufferedImage out, double x0, double y0, double size, double tol) {
        int n = out.getWidth();
        double d = size / n;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double[] uv = toImage(x0 + (i + 0.5) * d, y0 + (j + 0.5) * d);
                int rgb = out.getRGB(i, j);
                assertEquals(uv[0] - 0.5, (rgb >> 16) & 0xFF, tol, "red at output (" + i + ", " + j + ")");
                assertEquals(uv[1] - 0.5, (rgb >> 8) & 0xFF, tol, "green at output (" + i + ", " + j + ")");
                assertEquals(128, rgb & 0xFF);
            }
        }
    }

    @Test
    void gradientCropLandsWhereTheRegistrationSaysPngAndTiff() throws Exception {
        BufferedImage g = TestImages.gradient(256, 200);
        Point2D.Double c = TO_UM.apply(120, 90);
        double x0 = c.x - 20;
        double y0 = c.y - 20;
        BufferedImage fromPng;
        try (HeImageSource png = ImageIoHeImage.open(TestImages.png(g, tmp.resolve("g.png")))) {
            fromPng = HeCropper.crop(png, TO_UM, x0, y0, 40, 64);
        }
        assertGradientCrop(fromPng, x0, y0, 40, 1.0);
        BufferedImage fromTiff;
        try (HeImageSource tif = ImageIoHeImage.open(TestImages.pyramidalTiff(g, tmp.resolve("g.ome.tif"), 2))) {
            fromTiff = HeCropper.crop(tif, TO_UM, x0, y0, 40, 64);
        }
        assertArrayEquals(fromPng.getRGB(0, 0, 64, 64, null, 0, 64), fromTiff.getRGB(0, 0, 64, 64, null, 0, 64));
    }

    @Test
    void squarePatternIsCentredAndKeepsItsArea() throws Exception {
        BufferedImage img = TestImages.square(300, 300, 140, 150, 20);
        Point2D.Double centre = TO_UM.apply(150, 160); // centre of the square's pixels 140..159 x 150..169
        int outPx = 60;
        double size = 30; // 0.5 um per output pixel = one image pixel
        BufferedImage out;
        try (HeImageSource src = ImageIoHeImage.open(TestImages.png(img, tmp.resolve("sq.png")))) {
            out = HeCropper.crop(src, TO_UM, centre.x - size / 2, centre.y - size / 2, size, outPx);
        }
        double sx = 0;
        double sy = 0;
        double mass = 0;
        for (int j = 0; j < outPx; j++) {
            for (int i = 0; i < outPx; i++) {
                double blue = 1 - ((out.getRGB(i, j) >> 16) & 0xFF) / 255.0; // red channel: 0 inside, 255 outside
                sx += blue * (i + 0.5);
                sy += blue * (j + 0.5);
                mass += blue;
            }
        }
        assertEquals(outPx / 2.0, sx / mass, 0.05, "x of the square's centre");
        assertEquals(outPx / 2.0, sy / mass, 0.05, "y of the square's centre");
        assertEquals(400, mass, 4, "area in output pixels");
    }

    @Test
    void outsideTheImageIsWhite() throws Exception {
        BufferedImage g = TestImages.gradient(256, 200);
        try (HeImageSource src = ImageIoHeImage.open(TestImages.png(g, tmp.resolve("g.png")))) {
            BufferedImage far = HeCropper.crop(src, TO_UM, -5000, -5000, 50, 32);
            for (int rgb : far.getRGB(0, 0, 32, 32, null, 0, 32)) {
                assertEquals(HeCropper.WHITE, rgb & 0xFFFFFF);
            }
            // straddle the image's left edge (u = 0): left of it white, right of it the gradient
            Point2D.Double edge = TO_UM.apply(0, 100);
            double x0 = edge.x - 10;
            double y0 = edge.y - 10;
            BufferedImage half = HeCropper.crop(src, TO_UM, x0, y0, 20, 40);
            int white = 0;
            int inside = 0;
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++) {
                    double[] uv = toImage(x0 + (i + 0.5) * 0.5, y0 + (j + 0.5) * 0.5);
                    int rgb = half.getRGB(i, j) & 0xFFFFFF;
                    if (uv[0] < 0) {
                        assertEquals(HeCropper.WHITE, rgb, "outside at (" + i + ", " + j + ")");
                        white++;
                    } else if (uv[0] > 1) {
                        assertEquals(uv[0] - 0.5, (rgb >> 16) & 0xFF, 1.0);
                        inside++;
                    }
                }
            }
            assertTrue(white > 300 && inside > 300, white + " white, " + inside + " inside");
        }
    }

    /** Records the reads a crop makes, passing them to a real source. */
    private record Recording(HeImageSource src, List<int[]> reads) implements HeImageSource {
        public int width() {
            return src.width();
        }

        public int height() {
            return src.height();
        }

        public BufferedImage read(Rectangle r) {
            return read(r, 1);
        }

        public BufferedImage read(Rectangle r, int step) {
            reads.add(new int[] {r.width, r.height, step});
            return src.read(r, step);
        }
    }

    @Test
    void coarseCropsReadWithAPixelStep() throws Exception {
        BufferedImage g = new BufferedImage(1000, 250, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 250; y++) {
            for (int x = 0; x < 1000; x++) {
                g.setRGB(x, y, ((x / 4) << 16) | (y << 8) | 128);
            }
        }
        Affine toUm = Affine.scale(S); // 0.5 um per image pixel, no rotation: an 8 px step is exact
        List<int[]> reads = new ArrayList<>();
        try (HeImageSource src = new Recording(ImageIoHeImage.open(TestImages.png(g, tmp.resolve("wide.png"))), reads)) {
            BufferedImage out = HeCropper.crop(src, toUm, 100, 10, 100, 25); // 200 image px -> 25 px: 8 px per output px
            assertEquals(1, reads.size());
            assertEquals(8, reads.get(0)[2], "pixel step");
            for (int j = 0; j < 25; j++) {
                for (int i = 0; i < 25; i++) {
                    double u = (100 + (i + 0.5) * 4) / S;
                    double v = (10 + (j + 0.5) * 4) / S;
                    int rgb = out.getRGB(i, j);
                    assertEquals((u - 0.5) / 4, (rgb >> 16) & 0xFF, 1.5, "red at (" + i + ", " + j + ")");
                    assertEquals(v - 0.5, (rgb >> 8) & 0xFF, 1.0, "green at (" + i + ", " + j + ")");
                }
            }
        }
    }
}
