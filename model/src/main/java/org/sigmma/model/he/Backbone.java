package org.sigmma.model.he;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;

/**
 * Maps a stack of crops to one feature vector each: {@code [M, 3, S, S] -> [M, D]}, or, for
 * precomputed features, passes {@code [M, D]} through.
 */
public abstract class Backbone extends AbstractBlock {

    /** Feature width D. */
    public abstract int outDim();

    /** Whether the input is images (true) or precomputed features (false). */
    public abstract boolean readsImages();

    /** Per-channel mean the backbone expects after scaling pixels to [0, 1]. */
    public float[] pixelMean() {
        return new float[] {0.5f, 0.5f, 0.5f};
    }

    /** Per-channel standard deviation the backbone expects after scaling pixels to [0, 1]. */
    public float[] pixelStd() {
        return new float[] {0.25f, 0.25f, 0.25f};
    }

    /** Encodes the crops. */
    public abstract NDArray embed(ParameterStore ps, NDArray crops, boolean training);
}
