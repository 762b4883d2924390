package org.sigmma.model.net;

import ai.djl.ndarray.NDArray;
import org.sigmma.model.st.StOutput;

/**
 * The forward pass of a batch.
 *
 * @param zImage HE tile embeddings per scale {@code [B, P]} (null for scales the model lacks)
 * @param st the expression side's output
 */
public record ModelOutput(NDArray[] zImage, StOutput st) {

    /** ST tile embeddings per scale. */
    public NDArray[] zSpot() {
        return st.z();
    }
}
