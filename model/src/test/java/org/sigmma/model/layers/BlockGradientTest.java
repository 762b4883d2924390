package org.sigmma.model.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sigmma.model.he.HeEncoder;
import org.sigmma.model.he.PrecomputedFeatures;
import org.sigmma.model.he.SmallCnn;
import org.sigmma.model.loss.InfoNce;
import org.sigmma.model.st.AttentionPool;
import org.sigmma.model.st.EdgeScorer;
import org.sigmma.model.st.SageLayer;

/** Gradients of each building block against central finite differences (float64). */
class BlockGradientTest {

    private NDManager m;
    private ParameterStore ps;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(11);
        m = NDManager.newBaseManager();
        ps = new ParameterStore(m, false);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private NDArray input(long... shape) {
        return m.randomNormal(0, 1, new Shape(shape), DataType.FLOAT64);
    }

    /** A fixed random projection turns any output into a scalar with a generic gradient. */
    private Supplier<NDArray> projected(Supplier<NDArray> out) {
        NDArray probe = out.get();
        NDArray r = m.randomNormal(0, 1, probe.getShape(), DataType.FLOAT64);
        return () -> out.get().mul(r).sum();
    }

    private static Map<String, NDArray> params(AbstractBlock b, Map<String, NDArray> into) {
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                into.put(p.getKey(), p.getValue().getArray());
            }
        }
        return into;
    }

    @Test
    void dense() {
        Dense d = new Dense(5, 3, true);
        d.initialize(m, DataType.FLOAT64);
        NDArray x = input(2, 4, 5);
        Map<String, NDArray> vars = params(d, new LinkedHashMap<>(Map.of("x", x)));
        assertTrue(GradCheck.check(projected(() -> d.apply(ps, x, true)), vars, 6, 1) > 0);
    }

    @Test
    void mlp() {
        Mlp b = new Mlp(4, 6, 3);
        b.initialize(m, DataType.FLOAT64);
        NDArray x = input(3, 4);
        Map<String, NDArray> vars = params(b, new LinkedHashMap<>(Map.of("x", x)));
        GradCheck.check(projected(() -> b.apply(ps, x, true)), vars, 6, 2);
    }

    @Test
    void sageLayer() {
        SageLayer b = new SageLayer(4, 5);
        b.initialize(m, DataType.FLOAT64);
        NDArray h = input(2, 6, 4);
        NDArray mean = input(2, 6, 4);
        Map<String, NDArray> vars = params(b, new LinkedHashMap<>(Map.of("h", h, "mean", mean)));
        GradCheck.check(projected(() -> b.apply(ps, h, mean, true)), vars, 6, 3);
    }

    @Test
    void edgeScorer() {
        EdgeScorer b = new EdgeScorer(4, 5);
        b.initialize(m, DataType.FLOAT64);
        NDArray h = input(2, 5, 4);
        // 2 tiles x 5 cells x 3 slots, flat row indices inside each tile
        long[] idx = new long[30];
        for (int t = 0; t < 2; t++) {
            for (int u = 0; u < 5; u++) {
                for (int k = 0; k < 3; k++) {
                    idx[(t * 5 + u) * 3 + k] = t * 5L + (u + k + 1) % 5;
                }
            }
        }
        NDArray index = m.create(idx);
        Map<String, NDArray> vars = params(b, new LinkedHashMap<>(Map.of("h", h)));
        GradCheck.check(projected(() -> b.logits(ps, h, index, 3, true)), vars, 6, 4);
    }

    @Test
    void attentionPool() {
        AttentionPool b = new AttentionPool(4);
        b.initialize(m, DataType.FLOAT64);
        NDArray h = input(2, 5, 4);
        NDArray mask = m.create(new double[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, new Shape(2, 5));
        Map<String, NDArray> vars = params(b, new LinkedHashMap<>(Map.of("h", h)));
        GradCheck.check(projected(() -> b.pool(ps, h, mask, true)), vars, 8, 5);
    }

    @Test
    void smallCnnInTrainingMode() {
        SmallCnn b = new SmallCnn(new int[] {3, 4}, 8);
        b.initialize(m, DataType.FLOAT64);
        NDArray x = input(4, 3, 8, 8);
        Map<String, NDArray> vars = params(b, new LinkedHashMap<>(Map.of("x", x)));
        GradCheck.check(projected(() -> b.embed(ps, x, true)), vars, 5, 6);
    }

    @Test
    void heEncoderOnPrecomputedFeatures() {
        HeEncoder b = new HeEncoder(new PrecomputedFeatures(4), 3, false);
        b.initialize(m, DataType.FLOAT64);
        NDArray crops = input(2, 21, 4);
        Map<String, NDArray> vars = params(b, new LinkedHashMap<>(Map.of("crops", crops)));
        GradCheck.check(projected(() -> {
            NDArray[] z = b.encode(ps, crops, true);
            return z[0].add(z[1].mul(2)).add(z[2].mul(3));
        }), vars, 6, 7);
    }

    @Test
    void infoNce() {
        NDArray a = input(4, 3);
        NDArray b = input(4, 3);
        NDArray t = m.create(new double[] {1.2});
        Map<String, NDArray> vars = new LinkedHashMap<>(Map.of("zImage", a, "zSpot", b,
                "logScale", t));
        GradCheck.check(() -> InfoNce.symmetric(a, b, t.reshape(new Shape()), 100f), vars, 6, 8);
    }
}
