package org.sigmma.export;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CsrTest {

    @Test
    void rowsAreGroupedAndColumnsSortedWithinRows() {
        // entries of a 3 x 4 matrix in no particular order
        Csr m = Csr.of(3, 4, new int[] {2, 0, 2, 0, 2}, new int[] {3, 2, 0, 1, 1}, new float[] {5, 2, 3, 1, 4});
        assertArrayEquals(new int[] {0, 2, 2, 5}, m.indptr());
        assertArrayEquals(new int[] {1, 2, 0, 1, 3}, m.indices());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5}, m.data());
    }

    @Test
    void symmetricEntersEachPairBothWays() {
        Csr m = Csr.symmetric(3, new int[] {0, 1}, new int[] {2, 2}, new float[] {7, 8});
        assertArrayEquals(new int[] {0, 1, 2, 4}, m.indptr());
        assertArrayEquals(new int[] {2, 2, 0, 1}, m.indices());
        assertArrayEquals(new float[] {7, 8, 7, 8}, m.data());
    }

    @Test
    void refusesEntriesOutsideTheShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Csr.of(2, 2, new int[] {0, 2}, new int[] {0, 0}, new float[] {1, 1}));
        assertTrue(e.getMessage().contains("entry 1 (2, 0) outside 2 x 2"), e.getMessage());
    }
}
