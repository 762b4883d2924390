package org.sigmma.model.st;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.sigmma.model.layers.Scalars;

/** Message passing on padded batches, all on the arrays' device. */
public final class Graphs {

    /** Floor on a weight sum, so that a cell with no (or tiny) weight does not divide by zero. */
    public static final float WEIGHT_FLOOR = 1e-6f;

    private Graphs() {}

    /**
     * Rows of {@code h [B, N, D]} picked by flat indices {@code [B*N*K]}: {@code [B, N, K, D]}.
     */
    public static NDArray gatherRows(NDArray h, NDArray flatIndex, int slots) {
        Shape s = h.getShape();
        long b = s.get(0);
        long n = s.get(1);
        long d = s.get(2);
        return h.reshape(b * n, d).get(flatIndex).reshape(b, n, slots, d);
    }

    /** {@code sum_k w[b,u,k] * rows[b,u,k,:]}: {@code [B, N, D]}. */
    public static NDArray weightedSum(NDArray weights, NDArray rows) {
        return rows.mul(weights.expandDims(3)).sum(new int[] {2});
    }

    /** Divides a weighted sum by its weight total, floored at {@link #WEIGHT_FLOOR}. */
    public static NDArray weightedMean(NDArray sum, NDArray weightTotal) {
        return sum.div(weightTotal.maximum(Scalars.of(weightTotal, WEIGHT_FLOOR)).expandDims(2));
    }
}
