package org.sigmma.model.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The symmetric InfoNCE against values worked out by hand. */
class InfoNceTest {

    @Test
    void equalsTheHandComputedValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zi = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDArray zs = m.create(new float[] {3, 3, 0, 2}, new Shape(2, 2)); // norms 3*sqrt2, 2
            NDArray logScale = m.create((float) Math.log(2));
            // cosines: [[1/sqrt2, 0], [1/sqrt2, 1]], times the scale 2
            double a = 2 / Math.sqrt(2);
            double[][] l = {{a, 0}, {a, 2}};
            double rowLoss = -Math.log(Math.exp(l[0][0]) / (Math.exp(l[0][0]) + Math.exp(l[0][1])))
                    - Math.log(Math.exp(l[1][1]) / (Math.exp(l[1][0]) + Math.exp(l[1][1])));
            double colLoss = -Math.log(Math.exp(l[0][0]) / (Math.exp(l[0][0]) + Math.exp(l[1][0])))
                    - Math.log(Math.exp(l[1][1]) / (Math.exp(l[0][1]) + Math.exp(l[1][1])));
            double expected = (rowLoss / 2 + colLoss / 2) / 2;
            // by hand: rows log(1+e^-1.414) + log(1+e^-0.586) = 0.2176 + 0.4426, columns
            // log 2 + log(1+e^-2) = 0.6931 + 0.1269; (0.6602/2 + 0.8200/2) / 2
            assertEquals(0.3701, expected, 1e-4);
            assertEquals(expected, InfoNce.symmetric(zi, zs, logScale, 100f).getFloat(), 1e-6);
        }
    }

    @Test
    void aZeroEmbeddingSendsFiniteGradientsBack() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zi = m.create(new float[] {0, 0, 0, 1}, new Shape(2, 2));
            NDArray zs = m.create(new float[] {1, 2, 0, 1}, new Shape(2, 2));
            zi.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector gc =
                    ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                gc.backward(InfoNce.symmetric(zi, zs, m.create(1f), 100f));
            }
            for (float g : zi.getGradient().toFloatArray()) {
                assertEquals(true, Float.isFinite(g), "gradient " + g);
            }
        }
    }

    @Test
    void theLogitScaleIsCapped() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zi = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDArray zs = m.create(new float[] {0, 1, 1, 0}, new Shape(2, 2));
            // cosines [[0, 1], [1, 0]]: with scale 100 each row's loss is log(1 + e^100) - 0
            double expected = Math.log1p(Math.exp(-100)) + 100;
            NDArray huge = m.create((float) Math.log(1e6));
            assertEquals(expected, InfoNce.symmetric(zi, zs, huge, 100f).getFloat(), 1e-3);
        }
    }
}
