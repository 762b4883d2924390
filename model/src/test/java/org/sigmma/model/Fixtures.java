package org.sigmma.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Random;
import org.sigmma.model.data.Batch;
import org.sigmma.model.data.BatchShape;
import org.sigmma.model.data.PreparedTile;
import org.sigmma.model.data.SyntheticTiles;
import org.sigmma.model.data.TilePreparer;
import org.sigmma.model.data.TileSample;
import org.sigmma.model.st.GraphInputs;

/** Small simulated tiles and batches shared by the tests. */
public final class Fixtures {

    static {
        // tests check values, not speed: one thread is reproducible and fast on a shared machine
        org.sigmma.model.train.EngineThreads.apply(1);
    }

    private Fixtures() {}

    /** {@code count} simulated tiles of 12-30 cells, 16 features, 64 px images. */
    public static List<TileSample> tiles(int count, long seed) {
        SyntheticTiles sim = new SyntheticTiles(SyntheticTiles.Spec.small(0, 0, 0, seed));
        Random r = new Random(seed);
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> sim.tile("t" + i, r)).toList();
    }

    /** The tiles as one batch padded to {@code cells}. */
    public static Batch batch(List<TileSample> tiles, int cells, int k, int cropSize) {
        TilePreparer prep = new TilePreparer(k, cropSize, false);
        PreparedTile[] p = tiles.stream().map(prep::prepare).toArray(PreparedTile[]::new);
        BatchShape shape = BatchShape.of(cells, k, tiles.get(0).featureDim(), cropSize, 0);
        return Batch.assemble(shape, p);
    }

    /** The graph inputs with every float array in float64 (for finite differences). */
    public static GraphInputs float64(GraphInputs g) {
        return new GraphInputs(d(g.features()), d(g.mask()), d(g.adjacency()), g.mesoIndex(),
                d(g.mesoMask()), d(g.mesoOnly()), g.macroIndex(), d(g.macroMask()),
                g.macroMesoSlot(), d(g.macroInMeso()), g.mesoSlots(), g.macroSlots())
                .withDistances(d(g.mesoDistance()), d(g.macroDistance()));
    }

    private static NDArray d(NDArray a) {
        return a.toType(DataType.FLOAT64, false);
    }

    /** Largest absolute difference. */
    public static double maxDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

}
