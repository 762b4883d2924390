package org.sigmma.ingest.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.util.Optional;

/**
 * A (possibly huge) H&amp;E image that is read one pixel region at a time, never whole.
 * Pixel regions are in full-resolution image pixels and must lie inside {@code [0, width) x [0, height)}.
 */
public interface HeImageSource extends Closeable {

    int width();

    int height();

    /** The pixels of {@code pixelRegion}, an image of exactly its size. */
    BufferedImage read(Rectangle pixelRegion);

    /**
     * Every {@code step}-th pixel of {@code pixelRegion} in both directions, starting at its top-left pixel:
     * output pixel {@code (k, l)} is image pixel {@code (x + k*step, y + l*step)}. Sources that can skip pixels
     * while decoding override this; the default reads the region and picks the pixels.
     */
    default BufferedImage read(Rectangle pixelRegion, int step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1: " + step);
        }
        BufferedImage full = read(pixelRegion);
        if (step == 1) {
            return full;
        }
        int w = (pixelRegion.width + step - 1) / step;
        int h = (pixelRegion.height + step - 1) / step;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int l = 0; l < h; l++) {
            for (int k = 0; k < w; k++) {
                out.setRGB(k, l, full.getRGB(k * step, l * step));
            }
        }
        return out;
    }

    /** The pixel size the file itself states (resolution metadata), if it states one. */
    default Optional<PixelCalibration> calibration() {
        return Optional.empty();
    }

    /** Resolution levels (pyramid), level 0 being this full-resolution image. */
    default int levelCount() {
        return 1;
    }

    /**
     * Level {@code i} of the pyramid as an image of its own (its pixels cover the same area as level 0, with
     * {@code width() / level(i).width()} times fewer of them across). Closing a level does not close this image.
     */
    default HeImageSource level(int i) {
        if (i != 0) {
            throw new IndexOutOfBoundsException("level " + i + " of " + levelCount());
        }
        return this;
    }

    @Override
    default void close() {
    }
}
