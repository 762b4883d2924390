package org.sigmma.model.loss;

import ai.djl.ndarray.NDArray;
import org.sigmma.model.layers.Scalars;

/**
 * Symmetric InfoNCE over a batch (paper eq. in section 5.3): cosine similarities scaled by a
 * learnable logit scale {@code exp(t)}, capped (CLIP), cross-entropy against the diagonal in both
 * directions, averaged: {@code (L_I->S + L_S->I) / 2}.
 */
public final class InfoNce {

    /** Norm floor when normalising embeddings. */
    public static final float NORM_EPS = 1e-8f;

    private InfoNce() {}

    /**
     * @param zImage {@code [B, P]}
     * @param zSpot {@code [B, P]}
     * @param logScale scalar log of the logit scale (1 / temperature)
     * @param maxScale cap on the logit scale
     * @return the scalar loss
     */
    public static NDArray symmetric(NDArray zImage, NDArray zSpot, NDArray logScale,
            float maxScale) {
        NDArray logits = similarities(zImage, zSpot).mul(logScale.exp().minimum(
                Scalars.of(logScale, maxScale)));
        NDArray eye = logits.getManager().eye((int) logits.getShape().get(0))
                .toDevice(logits.getDevice(), false);
        NDArray imageToSpot = logits.logSoftmax(1).mul(eye).sum().neg();
        NDArray spotToImage = logits.logSoftmax(0).mul(eye).sum().neg();
        return imageToSpot.add(spotToImage).div(Scalars.of(logits,
                2.0 * logits.getShape().get(0)));
    }

    /** Cosine similarity matrix {@code [B, B]} between two batches of embeddings. */
    public static NDArray similarities(NDArray a, NDArray b) {
        return normalize(a).matMul(normalize(b).transpose());
    }

    /**
     * Rows divided by their L2 norm (floored). libtorch's normalize has a zero subgradient at a
     * zero row, where {@code sqrt} written out by hand would send NaN backwards.
     */
    public static NDArray normalize(NDArray z) {
        return z.normalize(2, 1, NORM_EPS);
    }
}
