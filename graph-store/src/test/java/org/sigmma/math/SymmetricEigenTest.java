package org.sigmma.math;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void aSmallMatrixByHand() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}}).withLargestLoadingPositive();
        assertEquals(3, e.values()[0], 1e-12);
        assertEquals(1, e.values()[1], 1e-12);
        assertEquals(Math.sqrt(0.5), e.vectors()[0][0], 1e-12);
        assertEquals(Math.sqrt(0.5), e.vectors()[0][1], 1e-12);
        assertEquals(Math.sqrt(0.5), Math.abs(e.vectors()[1][0]), 1e-12);
        assertEquals(-e.vectors()[1][0], e.vectors()[1][1], 1e-12);
    }

    @Test
    void reconstructsARandomSymmetricMatrixWithOrthonormalVectors() {
        int d = 12;
        Random r = new Random(7);
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                m[i][j] = m[j][i] = r.nextGaussian();
            }
        }
        SymmetricEigen e = SymmetricEigen.of(m);
        for (int k = 1; k < d; k++) {
            assertTrue(e.values()[k - 1] >= e.values()[k], "eigenvalues decrease");
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double rec = 0;
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    rec += e.values()[k] * e.vectors()[k][i] * e.vectors()[k][j];
                    dot += e.vectors()[i][k] * e.vectors()[j][k];
                }
                assertEquals(m[i][j], rec, 1e-10, "V diag(values) V' = M at " + i + "," + j);
                assertEquals(i == j ? 1 : 0, dot, 1e-10, "orthonormal vectors " + i + "," + j);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {3}}));
    }
}
