package org.sigmma.model.data;

/**
 * The padded sizes every batch of a dataset shares, so that all steps see one shape.
 *
 * @param cells N, cells per tile after padding
 * @param mesoSlots candidate slots per cell at the meso step
 * @param macroSlots candidate slots per cell at the macro step
 * @param featureDim node feature width
 * @param cropSize backbone input side S (when crops are cut from images)
 * @param cropFeatureDim width of precomputed crop features, or 0 when crops are images
 */
public record BatchShape(int cells, int mesoSlots, int macroSlots, int featureDim, int cropSize,
        int cropFeatureDim) {

    public BatchShape {
        if (cells < 1 || mesoSlots < 1 || macroSlots < 1 || featureDim < 1) {
            throw new IllegalArgumentException("batch shape sizes must be >= 1: " + cells + ", "
                    + mesoSlots + ", " + macroSlots + ", " + featureDim);
        }
    }

    /**
     * The shape for tiles of up to {@code cells} cells with {@code k} candidates per cell
     * ({@code k <= 0}: all pairs of a block, i.e. N - 1 slots).
     */
    public static BatchShape of(int cells, int k, int featureDim, int cropSize,
            int cropFeatureDim) {
        int slots = k > 0 ? k : Math.max(1, cells - 1);
        return new BatchShape(cells, slots, slots, featureDim, cropSize, cropFeatureDim);
    }

    public boolean precomputed() {
        return cropFeatureDim > 0;
    }
}
