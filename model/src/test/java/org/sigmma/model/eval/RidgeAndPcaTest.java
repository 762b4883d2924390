package org.sigmma.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeAndPcaTest {

    @Test
    void ridgeByHandInOneDimension() {
        // x centred (-1, 0, 1), y centred (-1, 0, 1): w = 2 / (2 + alpha), b = 1 - w
        Ridge r = Ridge.fit(new double[][] {{0}, {1}, {2}}, new double[][] {{0}, {1}, {2}}, 1);
        assertEquals(2 / 3.0, r.weights()[0][0], 1e-12);
        assertEquals(1 / 3.0, r.intercept()[0], 1e-12);
        assertEquals(1 / 3.0 + 2 * 2 / 3.0, r.predict(new double[] {2})[0], 1e-12);
    }

    @Test
    void ridgeSatisfiesItsNormalEquations() {
        Random rnd = new Random(7);
        int n = 40;
        int p = 6;
        int g = 3;
        double[][] x = new double[n][p];
        double[][] y = new double[n][g];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = rnd.nextGaussian() + (j == 5 ? x[i][0] : 0); // one correlated column
            }
            for (int k = 0; k < g; k++) {
                y[i][k] = 3 + x[i][k] - 2 * x[i][k + 1] + 0.1 * rnd.nextGaussian();
            }
        }
        double alpha = 0.7;
        Ridge r = Ridge.fit(x, y, alpha);
        // the gradient of ||Y - XW - b||^2 + alpha ||W||^2 vanishes: X'(XW + b - Y) + alpha W = 0 and sum(residuals) = 0
        double[][] pred = r.predict(x);
        for (int k = 0; k < g; k++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += pred[i][k] - y[i][k];
            }
            assertEquals(0, sum, 1e-9);
            for (int j = 0; j < p; j++) {
                double grad = alpha * r.weights()[j][k];
                for (int i = 0; i < n; i++) {
                    grad += x[i][j] * (pred[i][k] - y[i][k]);
                }
                assertEquals(0, grad, 1e-8, "gradient of weight " + j + ", output " + k);
            }
        }
        // a vanishing penalty recovers the planted coefficients
        Ridge ols = Ridge.fit(x, y, 1e-9);
        assertEquals(1, ols.weights()[0][0], 0.05);
        assertEquals(-2, ols.weights()[1][0], 0.05);
        assertEquals(3, ols.intercept()[0], 0.05);
        assertThrows(IllegalArgumentException.class, () -> Ridge.fit(x, y, -1));
        assertThrows(IllegalArgumentException.class, () -> r.predict(new double[2]));
    }

    @Test
    void pcaFindsThePlantedDirectionAndCapsComponents() {
        // points on the line t * (1, 1, 0) plus a small spread along (1, -1, 0): first component (1, 1, 0) / sqrt 2
        double[][] x = {{2, 2, 0}, {-2, -2, 0}, {0.1, -0.1, 0}, {-0.1, 0.1, 0}, {0, 0, 0}};
        EmbeddingPca pca = EmbeddingPca.fit(x, 256);
        assertEquals(3, pca.nComponents()); // min(256, d = 3, n - 1 = 4)
        assertEquals(Math.sqrt(0.5), pca.components()[0][0], 1e-9);
        assertEquals(Math.sqrt(0.5), pca.components()[0][1], 1e-9);
        // the score is the projection on the component: (2, 2, 0) -> 2 sqrt 2
        assertEquals(2 * Math.sqrt(2), pca.transform(new double[] {2, 2, 0})[0], 1e-9);
        assertEquals(1, EmbeddingPca.fit(new double[][] {{1, 2}, {3, 5}}, 256).nComponents()); // n - 1
        assertThrows(IllegalArgumentException.class, () -> pca.transform(new double[2]));
    }
}
