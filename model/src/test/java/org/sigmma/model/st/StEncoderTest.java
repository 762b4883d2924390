package org.sigmma.model.st;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sigmma.model.Fixtures;
import org.sigmma.model.data.Batch;
import org.sigmma.model.data.TileSample;
import org.sigmma.model.layers.GradCheck;

/**
 * The ST encoder end to end: gradients through the relaxed edge samples, invariance to the
 * padding size and to the order of the cells.
 */
class StEncoderTest {

    private NDManager m;
    private ParameterStore ps;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(3);
        m = NDManager.newBaseManager();
        ps = new ParameterStore(m, false);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private StEncoder encoder(boolean noGraph, boolean noSparsification, DataType type) {
        StEncoder e = new StEncoder(new StEncoder.Options(16, 8, 6, 5, noGraph,
                noSparsification, EdgeSampler.Mode.SOFT));
        e.initialize(m, type);
        return e;
    }

    @Test
    void gradientsThroughRelaxedEdgeSamplesMatchFiniteDifferences() {
        StEncoder enc = encoder(false, false, DataType.FLOAT64);
        Batch b = Fixtures.batch(Fixtures.tiles(2, 5), 24, 4, 16);
        GraphInputs g = Fixtures.float64(GraphInputs.of(b, m));
        NDArray[] r = new NDArray[3];
        for (int s = 0; s < 3; s++) {
            r[s] = m.randomNormal(0, 1, new ai.djl.ndarray.types.Shape(2, 6), DataType.FLOAT64);
        }
        Supplier<NDArray> loss = () -> {
            Engine.getInstance().setRandomSeed(99); // the same Gumbel noise on every evaluation
            StOutput out = enc.encode(ps, g, true, 0.5f, false);
            return out.z()[0].mul(r[0]).sum().add(out.z()[1].mul(r[1]).sum())
                    .add(out.z()[2].mul(r[2]).sum());
        };
        Map<String, NDArray> vars = new LinkedHashMap<>();
        vars.put("features", g.features());
        for (Pair<String, Parameter> p : enc.getParameters()) {
            String k = p.getKey();
            if (k.contains("scorer") && k.endsWith("weight")) {
                vars.put(k, p.getValue().getArray());
            }
        }
        assertTrue(vars.keySet().stream().anyMatch(k -> k.contains("scorerMeso")));
        assertTrue(vars.keySet().stream().anyMatch(k -> k.contains("scorerMacro")));
        GradCheck.check(loss, vars, 2, 17);
    }

    @Test
    void gradientsReachTheScorersDistanceWeights() {
        StEncoder enc = new StEncoder(new StEncoder.Options(16, 8, 6, 5, false, false, EdgeSampler.Mode.SOFT, true));
        enc.initialize(m, DataType.FLOAT64);
        Batch b = Fixtures.batch(Fixtures.tiles(2, 5), 24, 4, 16);
        GraphInputs g = Fixtures.float64(GraphInputs.of(b, m));
        assertTrue(g.mesoDistance().max().getDouble() > 0, "the batch carries the candidates' distances");
        NDArray r = m.randomNormal(0, 1, new ai.djl.ndarray.types.Shape(2, 6), DataType.FLOAT64);
        Supplier<NDArray> loss = () -> {
            Engine.getInstance().setRandomSeed(99);
            StOutput out = enc.encode(ps, g, true, 0.5f, false);
            return out.z()[2].mul(r).sum().add(out.z()[1].mul(r).sum());
        };
        Map<String, NDArray> vars = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : enc.getParameters()) {
            if (p.getKey().contains("scorer") && p.getKey().matches(".*\\d*d_weight")) {
                vars.put(p.getKey(), p.getValue().getArray());
            }
        }
        assertEquals(2, vars.size(), "one distance weight per scorer: " + vars.keySet());
        GradCheck.check(loss, vars, 3, 23);
        // the distances matter: the same cells with every pair twice as far score differently
        GraphInputs far = g.withDistances(g.mesoDistance().mul(2), g.macroDistance().mul(2));
        double near = enc.encode(ps, g, false, 0.5f, false).logits()[0].sum().getDouble();
        double farther = enc.encode(ps, far, false, 0.5f, false).logits()[0].sum().getDouble();
        assertTrue(Math.abs(near - farther) > 1e-6, near + " vs " + farther);
    }

    @Test
    void deeperScalesAddLayersAndEdgeDropoutActsInTrainingOnly() {
        Batch b = Fixtures.batch(Fixtures.tiles(2, 9), 40, 4, 16);
        GraphInputs g = GraphInputs.of(b, m);
        StEncoder shallow = encoder(false, false, DataType.FLOAT32);
        StEncoder deep = new StEncoder(new StEncoder.Options(16, 8, 6, 5, false, false, EdgeSampler.Mode.SOFT,
                false, 2, 0.5));
        deep.initialize(m, DataType.FLOAT32);
        List<String> names = new ArrayList<>();
        deep.getParameters().forEach(p -> names.add(p.getKey()));
        assertEquals(shallow.getParameters().size() + 3 * 3, names.size(), "one more SAGE layer (self W, b, neigh W) "
                + "per scale: " + names);
        assertTrue(names.stream().anyMatch(n -> n.contains("sageMeso_1")), names.toString());
        // evaluation sees every edge: two passes agree, and the dropped edges of training change the output
        float[] evalA = deep.encode(ps, g, false, 0.5f, false).z()[2].toFloatArray();
        float[] evalB = deep.encode(ps, g, false, 0.5f, false).z()[2].toFloatArray();
        assertEquals(0, Fixtures.maxDiff(evalA, evalB), 0);
        Engine.getInstance().setRandomSeed(7);
        float[] trainA = deep.encode(ps, g, true, 0.5f, false).z()[2].toFloatArray();
        Engine.getInstance().setRandomSeed(7);
        float[] trainAgain = deep.encode(ps, g, true, 0.5f, false).z()[2].toFloatArray();
        Engine.getInstance().setRandomSeed(8);
        float[] trainB = deep.encode(ps, g, true, 0.5f, false).z()[2].toFloatArray();
        assertEquals(0, Fixtures.maxDiff(trainA, trainAgain), 0, "the engine's seed fixes the dropped edges");
        assertTrue(Fixtures.maxDiff(trainA, trainB) > 1e-4, "another seed drops other edges");
        assertThrows(IllegalArgumentException.class, () -> new StEncoder.Options(16, 8, 6, 5, false, false,
                EdgeSampler.Mode.SOFT, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new StEncoder.Options(16, 8, 6, 5, false, false,
                EdgeSampler.Mode.SOFT, false, 1, 1));
    }

    @Test
    void paddedCellsChangeNothing() {
        List<TileSample> tiles = Fixtures.tiles(3, 8);
        for (int k : new int[] {4, 0}) { // k nearest, and all pairs (slots grow with N)
            StEncoder enc = encoder(false, false, DataType.FLOAT32);
            StOutput small = enc.encode(ps, GraphInputs.of(Fixtures.batch(tiles, 30, k, 16), m),
                    false, 0.5f, false);
            StOutput large = enc.encode(ps, GraphInputs.of(Fixtures.batch(tiles, 47, k, 16), m),
                    false, 0.5f, false);
            for (int s = 0; s < 3; s++) {
                assertEquals(0, Fixtures.maxDiff(small.z()[s].toFloatArray(),
                        large.z()[s].toFloatArray()), 1e-5, "scale " + s + ", k " + k);
                for (int t = 0; t < tiles.size(); t++) {
                    int c = tiles.get(t).nCells();
                    float[] a = small.cells()[s].get(t).get("0:" + c).toFloatArray();
                    float[] bb = large.cells()[s].get(t).get("0:" + c).toFloatArray();
                    assertEquals(0, Fixtures.maxDiff(a, bb), 1e-5, "cells, scale " + s);
                }
            }
        }
    }

    @Test
    void tileEmbeddingsIgnoreTheOrderOfTheCells() {
        TileSample t = Fixtures.tiles(1, 21).get(0);
        TileSample p = permuted(t, 5);
        for (boolean noGraph : new boolean[] {false, true}) {
            StEncoder enc = encoder(noGraph, false, DataType.FLOAT32);
            StOutput a = enc.encode(ps, GraphInputs.of(Fixtures.batch(List.of(t, t), 32, 4, 16),
                    m), false, 0.5f, false);
            StOutput b = enc.encode(ps, GraphInputs.of(Fixtures.batch(List.of(p, t), 32, 4, 16),
                    m), false, 0.5f, false);
            for (int s = 0; s < 3; s++) {
                assertEquals(0, Fixtures.maxDiff(a.z()[s].get(0).toFloatArray(),
                        b.z()[s].get(0).toFloatArray()), 1e-5, "scale " + s);
            }
        }
    }

    @Test
    void attentionPoolingIgnoresCellOrderAndPadding() {
        AttentionPool pool = new AttentionPool(4);
        pool.initialize(m, DataType.FLOAT32);
        NDArray h = m.randomNormal(new ai.djl.ndarray.types.Shape(1, 5, 4));
        NDArray mask = m.ones(new ai.djl.ndarray.types.Shape(1, 5));
        NDArray reversed = h.flip(1);
        NDArray padded = h.concat(m.randomNormal(new ai.djl.ndarray.types.Shape(1, 3, 4)).mul(50),
                1);
        NDArray paddedMask = mask.concat(m.zeros(new ai.djl.ndarray.types.Shape(1, 3)), 1);
        float[] base = pool.pool(ps, h, mask, false).toFloatArray();
        assertEquals(0, Fixtures.maxDiff(base, pool.pool(ps, reversed, mask, false)
                .toFloatArray()), 1e-6);
        assertEquals(0, Fixtures.maxDiff(base, pool.pool(ps, padded, paddedMask, false)
                .toFloatArray()), 1e-6);
    }

    @Test
    void noSparsificationJoinsEveryCandidateWithWeightOne() {
        StEncoder enc = encoder(false, true, DataType.FLOAT32);
        Batch b = Fixtures.batch(Fixtures.tiles(2, 4), 30, 0, 16);
        GraphInputs g = GraphInputs.of(b, m);
        StOutput out = enc.encode(ps, g, true, 0.5f, false);
        assertEquals(0, Fixtures.maxDiff(out.weights()[0].toFloatArray(), b.mesoMask()), 0);
        assertEquals(0, Fixtures.maxDiff(out.weights()[1].toFloatArray(), b.macroMask()), 0);
        assertEquals(null, out.logits()[0]);
    }

    @Test
    void addedEdgesOffLeavesOnlyTheMicroGraph() {
        StEncoder enc = encoder(false, false, DataType.FLOAT32);
        GraphInputs g = GraphInputs.of(Fixtures.batch(Fixtures.tiles(2, 6), 30, 4, 16), m);
        StOutput out = enc.encode(ps, g, false, 0.5f, true);
        for (NDArray w : out.weights()) {
            assertEquals(0f, w.abs().sum().getFloat());
        }
    }

    /** The same tile with its cells renumbered. */
    static TileSample permuted(TileSample t, long seed) {
        int n = t.nCells();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        int[] newOf = new int[n];
        for (int i = 0; i < n; i++) {
            newOf[order.get(i)] = i;
        }
        int f = t.featureDim();
        float[] feats = new float[n * f];
        int[] micro = new int[n];
        int[] meso = new int[n];
        float[] x = new float[n];
        float[] y = new float[n];
        for (int old = 0; old < n; old++) {
            int nu = newOf[old];
            System.arraycopy(t.features(), old * f, feats, nu * f, f);
            micro[nu] = t.microBlock()[old];
            meso[nu] = t.mesoBlock()[old];
            x[nu] = t.cellX()[old];
            y[nu] = t.cellY()[old];
        }
        int[] src = new int[t.edgeSource().length];
        int[] dst = new int[src.length];
        for (int e = 0; e < src.length; e++) {
            src[e] = newOf[t.edgeTarget()[e]];
            dst[e] = newOf[t.edgeSource()[e]];
        }
        return new TileSample(t.tileId() + "-perm", n, f, feats, src, dst, micro, meso, x, y,
                t.rgb(), t.imageSize(), t.expressionTarget());
    }
}
