package org.sigmma.store;

import java.util.Map;
import java.util.Random;
import org.sigmma.store.write.SectionData;

/**
 * Small sections made in the test itself: cells on a jittered grid, a 4-neighbour lattice as NEAR edges, tiles
 * of a fixed size. Lets graph-store be tested without the ingest module.
 */
final class SyntheticSections {

    private SyntheticSections() {
    }

    /** A side x side grid of cells spaced 10 um, tiles of 40 um (4 x 4 cells per tile). */
    static SectionData grid(String id, int side, long seed) {
        Random r = new Random(seed);
        int n = side * side;
        double spacing = 10;
        double tileUm = 40;
        int tilesPerSide = (int) Math.ceil(side * spacing / tileUm);
        String[] ids = new String[n];
        double[] x = new double[n];
        double[] y = new double[n];
        int[] tile = new int[n];
        int[] micro = new int[n];
        int[] meso = new int[n];
        int[] indptr = new int[n + 1];
        int[] genes = new int[n * 2];
        int[] values = new int[n * 2];
        int dim = 4;
        float[] features = new float[n * dim];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            int gx = i % side;
            int gy = i / side;
            ids[i] = Integer.toString(i + 1);
            x[i] = gx * spacing + 1 + r.nextDouble();
            y[i] = gy * spacing + 1 + r.nextDouble();
            int col = (int) (x[i] / tileUm);
            int row = (int) (y[i] / tileUm);
            tile[i] = row * tilesPerSide + col;
            double lx = x[i] - col * tileUm;
            double ly = y[i] - row * tileUm;
            micro[i] = (int) (ly / (tileUm / 4)) * 4 + (int) (lx / (tileUm / 4));
            meso[i] = (int) (ly / (tileUm / 2)) * 2 + (int) (lx / (tileUm / 2));
            indptr[i + 1] = indptr[i] + 2;
            genes[2 * i] = i % 3;
            genes[2 * i + 1] = 3 + i % 2;
            values[2 * i] = 1 + r.nextInt(5);
            values[2 * i + 1] = 1 + r.nextInt(5);
            for (int k = 0; k < dim; k++) {
                features[i * dim + k] = (float) r.nextGaussian();
            }
            types[i] = (gx + gy) % 2 == 0 ? "tumour" : "T cell";
        }
        int e = 2 * side * (side - 1);
        int[] src = new int[e];
        int[] dst = new int[e];
        float[] dist = new float[e];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int gx = i % side;
            int gy = i / side;
            if (gx + 1 < side) {
                src[k] = i;
                dst[k] = i + 1;
                dist[k++] = (float) Math.hypot(x[i + 1] - x[i], y[i + 1] - y[i]);
            }
            if (gy + 1 < side) {
                src[k] = i;
                dst[k] = i + side;
                dist[k++] = (float) Math.hypot(x[i + side] - x[i], y[i + side] - y[i]);
            }
        }
        int nTiles = tilesPerSide * tilesPerSide;
        SectionData.TileRow[] tiles = new SectionData.TileRow[nTiles];
        int[] tileCounts = new int[nTiles];
        for (int t : tile) {
            tileCounts[t]++;
        }
        String[] splits = {"train", "train", "val", "test"};
        for (int t = 0; t < nTiles; t++) {
            tiles[t] = new SectionData.TileRow(t, t / tilesPerSide, t % tilesPerSide, (t % tilesPerSide) * tileUm,
                    (t / tilesPerSide) * tileUm, tileUm, splits[t % 4], tileCounts[t], null);
        }
        return new SectionData(id, id, "synthetic", 0.2125, 80, side * spacing, side * spacing,
                new String[] {"G0", "G1", "G2", "G3", "G4"}, new int[] {0, 1, 2}, "digest-" + id + "-" + seed,
                ids, x, y, tile, micro, meso, indptr, genes, values, features, dim, types, src, dst, dist, tiles,
                Map.of("neighbours", "lattice"));
    }
}
