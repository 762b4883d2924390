package org.sigmma.model.data;

/**
 * Cuts the 21 multi-crop views of an H&E tile (16 micro, 4 meso, 1 macro; docs/method.md "HE encoder")
 * and resizes each to the backbone input, once per tile, as uint8 {@code [21, 3, S, S]} (CHW).
 *
 * <p>Downscaling averages the source area under each output pixel (so a 64 px crop read at 32 px
 * is a 2x2 box mean); upscaling is bilinear with half-pixel centres.
 */
public final class CropCutter {

    private final int outSize;

    /** @param outSize the backbone input side in pixels */
    public CropCutter(int outSize) {
        if (outSize < 1) {
            throw new IllegalArgumentException("crop output size must be >= 1, was " + outSize);
        }
        this.outSize = outSize;
    }

    public int outSize() {
        return outSize;
    }

    /** Bytes of one tile's crops. */
    public int bytesPerTile() {
        return TileSample.CROPS * 3 * outSize * outSize;
    }

    /**
     * Cuts the crops of one tile.
     *
     * @param rgb {@code size x size x 3}, row-major RGB
     * @param size the tile side in pixels; must be divisible by 4
     * @return {@code [21, 3, S, S]} uint8, micro crops row-major over the 4x4 grid, then meso over
     *     the 2x2 grid, then the macro crop
     */
    public byte[] cut(byte[] rgb, int size) {
        if (size % 4 != 0) {
            throw new IllegalArgumentException("tile image side " + size + " px is not divisible by 4");
        }
        byte[] out = new byte[bytesPerTile()];
        int crop = 0;
        for (int grid : new int[] {4, 2, 1}) {
            int side = size / grid;
            float[][] weights = weights(side, outSize);
            for (int gy = 0; gy < grid; gy++) {
                for (int gx = 0; gx < grid; gx++) {
                    resizeInto(rgb, size, gx * side, gy * side, side, weights, out,
                            crop * 3 * outSize * outSize);
                    crop++;
                }
            }
        }
        return out;
    }

    /**
     * Resizes one square window of an RGB image into CHW bytes at {@code offset} of {@code out}.
     */
    private void resizeInto(byte[] rgb, int size, int x0, int y0, int side, float[][] w,
            byte[] out, int offset) {
        int s = outSize;
        float[] rows = new float[side * s]; // horizontally resized, one channel
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                int rowBase = ((y0 + y) * size + x0) * 3 + c;
                for (int dx = 0; dx < s; dx++) {
                    float[] wx = w[dx];
                    float acc = 0;
                    for (int x = 0; x < side; x++) {
                        float wt = wx[x];
                        if (wt != 0) {
                            acc += wt * (rgb[rowBase + 3 * x] & 0xff);
                        }
                    }
                    rows[y * s + dx] = acc;
                }
            }
            int chan = offset + c * s * s;
            for (int dy = 0; dy < s; dy++) {
                float[] wy = w[dy];
                for (int dx = 0; dx < s; dx++) {
                    float acc = 0;
                    for (int y = 0; y < side; y++) {
                        float wt = wy[y];
                        if (wt != 0) {
                            acc += wt * rows[y * s + dx];
                        }
                    }
                    int v = Math.round(acc);
                    out[chan + dy * s + dx] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
    }

    /** Resampling weights {@code [dst][src]} along one axis; each row sums to 1. */
    static float[][] weights(int src, int dst) {
        float[][] w = new float[dst][src];
        double scale = (double) src / dst;
        if (scale >= 1) {
            for (int d = 0; d < dst; d++) {
                double lo = d * scale;
                double hi = (d + 1) * scale;
                for (int s = (int) Math.floor(lo); s < Math.min(src, (int) Math.ceil(hi)); s++) {
                    double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                    if (overlap > 0) {
                        w[d][s] = (float) (overlap / scale);
                    }
                }
            }
        } else {
            for (int d = 0; d < dst; d++) {
                double c = (d + 0.5) * scale - 0.5;
                c = Math.max(0, Math.min(src - 1, c));
                int lo = (int) Math.floor(c);
                int hi = Math.min(src - 1, lo + 1);
                float frac = (float) (c - lo);
                w[d][lo] += 1 - frac;
                w[d][hi] += frac;
            }
        }
        return w;
    }
}
