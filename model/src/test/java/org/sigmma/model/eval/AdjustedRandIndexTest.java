package org.sigmma.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Values of scikit-learn's adjusted_rand_score documentation, and one worked by hand. */
class AdjustedRandIndexTest {

    @Test
    void scikitLearnsDocumentedValues() {
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 1}), 1e-12);
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}), 1e-12, "renaming");
        assertEquals(0.5714285714285714, AdjustedRandIndex.of(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}), 1e-12);
        assertEquals(0.0, AdjustedRandIndex.of(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}), 1e-12);
        assertEquals(-0.5, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-12);
    }

    @Test
    void byHandAndUnlabelledItemsLeftOut() {
        // a = {0,0,0,1,1,1}, b = {0,0,1,1,2,2}: index = 1 + 1 = 2 (pairs agreeing in cells {00,00} and {12,12});
        // sumA = 3 + 3 = 6, sumB = 1 + 1 + 1 = 3, pairs(6) = 15, expected = 18 / 15 = 1.2, max = 4.5
        // ARI = (2 - 1.2) / (4.5 - 1.2) = 0.242424...
        assertEquals(0.8 / 3.3, AdjustedRandIndex.of(new int[] {0, 0, 0, 1, 1, 1, -1}, new int[] {0, 0, 1, 1, 2, 2, 5}),
                1e-12);
        assertThrows(IllegalArgumentException.class, () -> AdjustedRandIndex.of(new int[] {0}, new int[] {0, 1}));
        // purity: cluster 0 holds planted {0,0,1} (2 agree), cluster 1 holds {1,1} (2 agree), one item unlabelled
        assertEquals(4 / 5.0, AdjustedRandIndex.majorityPurity(new int[] {0, 0, 0, 1, 1, 1},
                new int[] {0, 0, 1, 1, 1, -1}), 1e-12);
    }
}
