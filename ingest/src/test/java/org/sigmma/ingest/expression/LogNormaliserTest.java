package org.sigmma.ingest.expression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogNormaliserTest {

    /**
     * cell 0: genes 0, 2 with counts 1, 3 (library 4); cell 1: no counts at all, with one explicit zero;
     * cell 2: genes 0, 1, 3 with counts 2, 2, 6 (library 10).
     */
    private static SparseCounts threeByFour() {
        return new SparseCounts(3, 4,
                new int[] {0, 2, 3, 6},
                new int[] {0, 2, 1, 0, 1, 3},
                new int[] {1, 3, 0, 2, 2, 6});
    }

    @Test
    void log1pOfCountsPerTenThousandByHand() {
        SparseExpression x = LogNormaliser.log1pCp10k(threeByFour());
        assertEquals(3, x.nCells());
        assertEquals(4, x.nGenes());
        assertArrayEquals(new int[] {0, 2, 3, 6}, x.indptr());
        assertArrayEquals(new int[] {0, 2, 1, 0, 1, 3}, x.indices());
        float[] expected = {
            (float) Math.log(1 + 1.0 / 4 * 10_000), (float) Math.log(1 + 3.0 / 4 * 10_000),
            0f,
            (float) Math.log(2001), (float) Math.log(2001), (float) Math.log(6001)};
        assertArrayEquals(expected, x.values(), 1e-6f);
        assertArrayEquals(new float[] {(float) Math.log(2501), 0, (float) Math.log(7501), 0}, x.denseRow(0), 1e-6f);
    }

    @Test
    void emptyCellsStayZeroNotNaN() {
        SparseExpression x = LogNormaliser.log1pCp10k(threeByFour());
        for (float v : x.denseRow(1)) {
            assertEquals(0f, v);
        }
        for (float v : x.values()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void otherTargetSum() {
        SparseExpression x = new LogNormaliser(100).normalise(threeByFour());
        assertEquals((float) Math.log1p(25), x.values()[0], 1e-6f);
        assertEquals((float) Math.log1p(60), x.values()[5], 1e-6f);
    }

    @Test
    void negativeCountNamesTheRow() {
        SparseCounts bad = new SparseCounts(2, 3, new int[] {0, 1, 2}, new int[] {0, 2}, new int[] {4, -1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogNormaliser.log1pCp10k(bad));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void geneOutOfRangeNamesTheRow() {
        SparseCounts bad = new SparseCounts(2, 3, new int[] {0, 1, 2}, new int[] {0, 3}, new int[] {4, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogNormaliser.log1pCp10k(bad));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("gene index 3"), e.getMessage());
    }
}
