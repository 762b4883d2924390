package org.sigmma.model.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulated tiles whose H&E image and cell features share a planted signal, for tests and
 * benchmarks.
 *
 * <p>Each tile draws a cell-type mixture (Dirichlet, alpha 0.5) and gives every micro block a
 * dominant type, so composition varies between tiles and between blocks. A cell's features are
 * its type's centroid plus noise; the image paints each cell as a disc in its type's colour. A
 * contact programme joins the two modalities through the arrangement: a cell with a spatial
 * neighbour of the next type gets an extra feature vector and is painted darker, so that
 * neighbourhoods (not only composition) are visible on both sides.
 */
public final class SyntheticTiles {

    /** Side of a tile in micrometres (256 px at 0.5 um/px). */
    public static final float TILE_UM = 128f;

    /**
     * @param train tiles in the train split
     * @param validation tiles in the validation split
     * @param test tiles in the test split
     * @param minCells fewest cells per tile
     * @param maxCells most cells per tile
     * @param featureDim node feature width
     * @param imageSize image side in pixels (divisible by 4)
     * @param types number of cell types
     * @param featureNoise standard deviation of the feature noise
     * @param seed random seed
     */
    public record Spec(int train, int validation, int test, int minCells, int maxCells,
            int featureDim, int imageSize, int types, float featureNoise, long seed) {

        /** Small tiles for unit tests. */
        public static Spec small(int train, int validation, int test, long seed) {
            return new Spec(train, validation, test, 12, 30, 16, 64, 6, 0.5f, seed);
        }
    }

    private static final int[][] PALETTE = {
        {120, 40, 140}, {200, 90, 160}, {70, 70, 190}, {230, 150, 190},
        {150, 30, 80}, {90, 140, 200}, {180, 120, 60}, {60, 150, 110}
    };
    private static final int GENES = 8;

    private final Spec spec;
    private final float[][] centroids;
    private final float[][] contact;
    private final float[][] loadings;

    public SyntheticTiles(Spec spec) {
        if (spec.imageSize() % 4 != 0) {
            throw new IllegalArgumentException("imageSize must be divisible by 4");
        }
        this.spec = spec;
        Random r = new Random(spec.seed() ^ 0x5eedL);
        centroids = gaussian(r, spec.types(), spec.featureDim(), 1f);
        contact = gaussian(r, spec.types(), spec.featureDim(), 0.8f);
        loadings = gaussian(r, GENES, spec.featureDim(), 0.5f);
    }

    /** All three splits as an in-memory source. */
    public InMemoryTileSource source() {
        Map<String, List<TileSample>> m = new LinkedHashMap<>();
        Random r = new Random(spec.seed());
        m.put(TileSource.TRAIN, tiles("train", spec.train(), r));
        m.put(TileSource.VALIDATION, tiles("val", spec.validation(), r));
        m.put(TileSource.TEST, tiles("test", spec.test(), r));
        return new InMemoryTileSource(m);
    }

    private List<TileSample> tiles(String prefix, int count, Random r) {
        List<TileSample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(tile(prefix + "-" + i, r));
        }
        return out;
    }

    /** One simulated tile. */
    public TileSample tile(String id, Random r) {
        int t = spec.types();
        double[] mix = new double[t];
        double total = 0;
        for (int k = 0; k < t; k++) {
            mix[k] = gamma(r, 0.5);
            total += mix[k];
        }
        for (int k = 0; k < t; k++) {
            mix[k] /= total;
        }
        int[] dominant = new int[16];
        for (int b = 0; b < 16; b++) {
            dominant[b] = draw(r, mix);
        }
        int n = spec.minCells() + r.nextInt(spec.maxCells() - spec.minCells() + 1);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int attempt = 0; attempt < 30; attempt++) {
                x[i] = r.nextFloat() * TILE_UM;
                y[i] = r.nextFloat() * TILE_UM;
                if (farFromOthers(x, y, i, 5f)) {
                    break;
                }
            }
        }
        int[] micro = new int[n];
        int[] meso = new int[n];
        int[] type = new int[n];
        for (int i = 0; i < n; i++) {
            int bx = Math.min(3, (int) (x[i] / (TILE_UM / 4)));
            int by = Math.min(3, (int) (y[i] / (TILE_UM / 4)));
            micro[i] = 4 * by + bx;
            meso[i] = 2 * (by / 2) + bx / 2;
            type[i] = r.nextFloat() < 0.6f ? dominant[micro[i]] : draw(r, mix);
        }
        List<int[]> edges = new ArrayList<>();
        boolean[] inContact = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float dx = x[i] - x[j];
                float dy = y[i] - y[j];
                if (dx * dx + dy * dy <= 22f * 22f) {
                    edges.add(new int[] {i, j});
                    if (type[j] == (type[i] + 1) % t) {
                        inContact[i] = true;
                    }
                    if (type[i] == (type[j] + 1) % t) {
                        inContact[j] = true;
                    }
                }
            }
        }
        int f = spec.featureDim();
        float[] feats = new float[n * f];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < f; d++) {
                float v = centroids[type[i]][d] + (float) r.nextGaussian() * spec.featureNoise();
                if (inContact[i]) {
                    v += contact[type[i]][d];
                }
                feats[i * f + d] = v;
            }
        }
        float[] target = new float[GENES];
        for (int g = 0; g < GENES; g++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double e = 0;
                for (int d = 0; d < f; d++) {
                    e += loadings[g][d] * feats[i * f + d];
                }
                s += Math.log1p(Math.exp(e));
            }
            target[g] = (float) (s / n);
        }
        int[] src = new int[edges.size()];
        int[] dst = new int[edges.size()];
        for (int e = 0; e < src.length; e++) {
            src[e] = edges.get(e)[0];
            dst[e] = edges.get(e)[1];
        }
        byte[] rgb = paint(x, y, type, inContact, r);
        return new TileSample(id, n, f, feats, src, dst, micro, meso, x, y, rgb,
                spec.imageSize(), target);
    }

    private byte[] paint(float[] x, float[] y, int[] type, boolean[] inContact, Random r) {
        int size = spec.imageSize();
        float umPerPx = TILE_UM / size;
        float[] img = new float[size * size * 3];
        for (int p = 0; p < size * size; p++) {
            img[3 * p] = 236;
            img[3 * p + 1] = 205;
            img[3 * p + 2] = 222;
        }
        float radius = 4.5f / umPerPx;
        for (int i = 0; i < x.length; i++) {
            int[] c = PALETTE[type[i] % PALETTE.length];
            float shade = inContact[i] ? 0.55f : 1f;
            float cx = x[i] / umPerPx;
            float cy = y[i] / umPerPx;
            int x0 = Math.max(0, (int) Math.floor(cx - radius));
            int x1 = Math.min(size - 1, (int) Math.ceil(cx + radius));
            int y0 = Math.max(0, (int) Math.floor(cy - radius));
            int y1 = Math.min(size - 1, (int) Math.ceil(cy + radius));
            for (int py = y0; py <= y1; py++) {
                for (int px = x0; px <= x1; px++) {
                    float dx = px + 0.5f - cx;
                    float dy = py + 0.5f - cy;
                    if (dx * dx + dy * dy <= radius * radius) {
                        int p = (py * size + px) * 3;
                        for (int ch = 0; ch < 3; ch++) {
                            img[p + ch] = c[ch] * shade;
                        }
                    }
                }
            }
        }
        byte[] out = new byte[img.length];
        for (int p = 0; p < img.length; p++) {
            float v = img[p] + (float) r.nextGaussian() * 8f;
            out[p] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        return out;
    }

    private static boolean farFromOthers(float[] x, float[] y, int i, float min) {
        for (int j = 0; j < i; j++) {
            float dx = x[i] - x[j];
            float dy = y[i] - y[j];
            if (dx * dx + dy * dy < min * min) {
                return false;
            }
        }
        return true;
    }

    private static int draw(Random r, double[] p) {
        double u = r.nextDouble();
        double acc = 0;
        for (int k = 0; k < p.length; k++) {
            acc += p[k];
            if (u < acc) {
                return k;
            }
        }
        return p.length - 1;
    }

    /** Marsaglia-Tsang gamma sampler, boosted for shape < 1. */
    private static double gamma(Random r, double shape) {
        if (shape < 1) {
            return gamma(r, shape + 1) * Math.pow(r.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = r.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static float[][] gaussian(Random r, int rows, int cols, float scale) {
        float[][] m = new float[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = (float) r.nextGaussian() * scale;
            }
        }
        return m;
    }
}
