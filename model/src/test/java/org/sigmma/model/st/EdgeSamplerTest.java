package org.sigmma.model.st;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The straight-through sampler: its forward value is the hard 0/1 sample, its gradient that of the relaxed sample
 * with the same uniforms, checked against central finite differences of the relaxed sample (the soft sampler's own
 * gradient is checked through the encoder in StEncoderTest).
 */
class EdgeSamplerTest {

    private NDManager m;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(5);
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    @Test
    void straightThroughGradientIsTheRelaxedSamplesGradient() {
        Shape shape = new Shape(2, 3, 4);
        NDArray logits = m.randomNormal(0, 1.5f, shape, DataType.FLOAT64);
        NDArray u = m.randomUniform(0.05f, 0.95f, shape, DataType.FLOAT64);
        NDArray r = m.randomNormal(0, 1, shape, DataType.FLOAT64);
        float tau = 0.7f;
        logits.setRequiresGradient(true);
        NDArray hard;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            hard = EdgeSampler.sample(logits, tau, EdgeSampler.Mode.HARD_STRAIGHT_THROUGH, true, u);
            gc.backward(hard.mul(r).sum());
        }
        double[] forward = hard.toDoubleArray();
        double[] soft = EdgeSampler.sample(logits.stopGradient(), tau, EdgeSampler.Mode.SOFT, true, u).toDoubleArray();
        int ones = 0;
        for (int i = 0; i < forward.length; i++) {
            assertTrue(forward[i] == 0 || forward[i] == 1, "forward value " + forward[i] + " is not a hard sample");
            assertEquals(soft[i] > 0.5 ? 1 : 0, forward[i], 0, "the hard sample thresholds the relaxed one");
            ones += (int) forward[i];
        }
        assertTrue(ones > 0 && ones < forward.length, "both outcomes occur, so the check covers both branches");
        double[] grad = logits.getGradient().toDoubleArray();
        double[] x = logits.stopGradient().toDoubleArray();
        double[] weights = r.toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double up = relaxed(x[i] + h, u.toDoubleArray()[i], tau) * weights[i];
            double down = relaxed(x[i] - h, u.toDoubleArray()[i], tau) * weights[i];
            double fd = (up - down) / (2 * h);
            assertEquals(fd, grad[i], 1e-5 + 1e-4 * Math.abs(fd), "coordinate " + i);
        }
        // and the relaxed sample computed here is the sampler's own
        for (int i = 0; i < x.length; i++) {
            assertEquals(soft[i], relaxed(x[i], u.toDoubleArray()[i], tau), 1e-6);
        }
    }

    /** sigmoid((logit + log u - log(1 - u)) / tau), the relaxed Bernoulli sample. */
    private static double relaxed(double logit, double u, double tau) {
        return 1 / (1 + Math.exp(-(logit + Math.log(u) - Math.log(1 - u)) / tau));
    }
}
