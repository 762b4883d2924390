package org.sigmma.model.train;

/**
 * The dataset facts a trained model depends on, saved beside its checkpoints.
 *
 * @param featureDim node feature width
 * @param cropFeatureDim precomputed crop feature width (0 with an image backbone)
 * @param padCells the padding size N used in training
 */
public record DatasetInfo(int featureDim, int cropFeatureDim, int padCells) {}
