package org.sigmma.model.st;

import ai.djl.ndarray.NDArray;

/**
 * What the ST encoder returns for a batch.
 *
 * @param z tile embeddings per scale (micro, meso, macro), {@code [B, P]}; an entry is null when
 *     the model has no such scale
 * @param cells cell embeddings per scale, {@code [B, N, H]} (null for BLEEP-like)
 * @param logits edge logits of the meso and macro steps, {@code [B, N, K]} (null without a scorer)
 * @param candidateMasks the valid candidate slots of the two steps
 * @param weights the edge weights used in the two steps (samples in training, 0/1 at evaluation)
 */
public record StOutput(NDArray[] z, NDArray[] cells, NDArray[] logits, NDArray[] candidateMasks,
        NDArray[] weights) {}
