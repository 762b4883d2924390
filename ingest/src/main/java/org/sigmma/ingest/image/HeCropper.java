package org.sigmma.ingest.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Cuts an axis-aligned square of the section (in micrometres) out of a registered H&amp;E image and resamples it
 * to {@code outPx x outPx} pixels. The square is mapped back into the image through the inverse of
 * {@code imageToMicrons}, only the bounding pixel region is read, and each output pixel centre is sampled
 * bilinearly between image pixel centres. Whatever falls outside the image is white, the colour of glass.
 *
 * <p>A pyramidal source is cut from the coarsest level whose pixels are still no larger than the output's
 * (the level nearest above the output resolution), mapped through that level's own scale.
 *
 * <p>When one output pixel spans two or more image pixels, the region is read with the matching pixel step
 * (ImageIO subsampling), so a large square at low output resolution stays cheap; in that case the sampling is
 * nearest-step, not area-averaged.
 */
public final class HeCropper {

    public static final int WHITE = 0xFFFFFF;

    private HeCropper() {
    }

    /**
     * @param imageToMicrons image pixel coordinates to section micrometres (see {@link Affine})
     * @param x0Um           left edge of the square, micrometres
     * @param y0Um           top edge of the square, micrometres
     * @param sizeUm         side of the square, micrometres
     * @param outPx          side of the output image, pixels
     * @return a {@code TYPE_INT_RGB} image; output pixel {@code (i, j)} shows the section point
     *         {@code (x0Um + (i + 0.5) sizeUm / outPx, y0Um + (j + 0.5) sizeUm / outPx)}
     */
    public static BufferedImage crop(HeImageSource src, Affine imageToMicrons, double x0Um, double y0Um,
                                     double sizeUm, int outPx) {
        if (outPx < 1 || !(sizeUm > 0) || !Double.isFinite(x0Um) || !Double.isFinite(y0Um) || !Double.isFinite(sizeUm)) {
            throw new IllegalArgumentException("bad crop: x0 " + x0Um + ", y0 " + y0Um + ", size " + sizeUm + ", outPx " + outPx);
        }
        Affine toImage = imageToMicrons.inverse();
        if (src.levelCount() > 1) {
            // the coarsest pyramid level still at least as fine as the output: no full-resolution decode to shrink
            double need = Math.sqrt(Math.abs(toImage.determinant())) * sizeUm / outPx;
            int best = 0;
            for (int l = 1; l < src.levelCount(); l++) {
                HeImageSource level = src.level(l);
                double down = Math.max(src.width() / (double) level.width(), src.height() / (double) level.height());
                if (down <= need * (1 + 1e-9)) {
                    best = l;
                }
            }
            if (best > 0) {
                HeImageSource level = src.level(best);
                Affine levelToImage = Affine.scale(src.width() / (double) level.width(), src.height() / (double) level.height());
                return crop(level, imageToMicrons.after(levelToImage), x0Um, y0Um, sizeUm, outPx);
            }
        }
        BufferedImage out = new BufferedImage(outPx, outPx, BufferedImage.TYPE_INT_RGB);
        int[] outRgb = new int[outPx * outPx];
        Arrays.fill(outRgb, WHITE);

        double minU = Double.POSITIVE_INFINITY;
        double minV = Double.POSITIVE_INFINITY;
        double maxU = Double.NEGATIVE_INFINITY;
        double maxV = Double.NEGATIVE_INFINITY;
        for (int corner = 0; corner < 4; corner++) {
            double mx = x0Um + ((corner & 1) == 0 ? 0 : sizeUm);
            double my = y0Um + ((corner & 2) == 0 ? 0 : sizeUm);
            double u = toImage.applyX(mx, my);
            double v = toImage.applyY(mx, my);
            minU = Math.min(minU, u);
            maxU = Math.max(maxU, u);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        double pxPerOut = Math.sqrt(Math.abs(toImage.determinant())) * sizeUm / outPx;
        int step = pxPerOut >= 2 ? (int) Math.floor(pxPerOut) : 1;
        // a margin of one grid step and a pixel: bilinear sampling reaches the next grid sample
        int margin = step + 1;
        int rx0 = (int) Math.max(0, Math.floor(minU) - margin);
        int ry0 = (int) Math.max(0, Math.floor(minV) - margin);
        int rx1 = (int) Math.min(src.width(), Math.ceil(maxU) + margin);
        int ry1 = (int) Math.min(src.height(), Math.ceil(maxV) + margin);
        if (rx1 <= rx0 || ry1 <= ry0) {
            out.setRGB(0, 0, outPx, outPx, outRgb, 0, outPx);
            return out;
        }
        Rectangle region = new Rectangle(rx0, ry0, rx1 - rx0, ry1 - ry0);
        BufferedImage patch = src.read(region, step);
        int gw = patch.getWidth();
        int gh = patch.getHeight();
        int[] rgb = patch.getRGB(0, 0, gw, gh, null, 0, gw);

        double d = sizeUm / outPx;
        for (int j = 0; j < outPx; j++) {
            double my = y0Um + (j + 0.5) * d;
            for (int i = 0; i < outPx; i++) {
                double mx = x0Um + (i + 0.5) * d;
                double u = toImage.applyX(mx, my);
                double v = toImage.applyY(mx, my);
                if (u < 0 || v < 0 || u > src.width() || v > src.height()) {
                    continue;
                }
                // grid coordinates: sample k sits at the centre of image pixel rx0 + k * step
                double gx = (u - 0.5 - rx0) / step;
                double gy = (v - 0.5 - ry0) / step;
                outRgb[j * outPx + i] = bilinear(rgb, gw, gh, gx, gy);
            }
        }
        out.setRGB(0, 0, outPx, outPx, outRgb, 0, outPx);
        return out;
    }

    private static int bilinear(int[] rgb, int w, int h, double gx, double gy) {
        int x0 = (int) Math.floor(gx);
        int y0 = (int) Math.floor(gy);
        double fx = gx - x0;
        double fy = gy - y0;
        int c00 = at(rgb, w, h, x0, y0);
        int c10 = at(rgb, w, h, x0 + 1, y0);
        int c01 = at(rgb, w, h, x0, y0 + 1);
        int c11 = at(rgb, w, h, x0 + 1, y0 + 1);
        int result = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double top = ((c00 >> shift) & 0xFF) * (1 - fx) + ((c10 >> shift) & 0xFF) * fx;
            double bottom = ((c01 >> shift) & 0xFF) * (1 - fx) + ((c11 >> shift) & 0xFF) * fx;
            int value = (int) Math.round(top * (1 - fy) + bottom * fy);
            result |= Math.min(255, Math.max(0, value)) << shift;
        }
        return result;
    }

    /** A pixel of the read grid; beyond it lies only what is outside the image, hence white. */
    private static int at(int[] rgb, int w, int h, int x, int y) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return WHITE;
        }
        return rgb[y * w + x];
    }
}
