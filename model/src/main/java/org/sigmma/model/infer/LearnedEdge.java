package org.sigmma.model.infer;

/**
 * An edge the model added at evaluation ({@code s_uv > 0.5}, i.e. logit > 0): cell {@code to}
 * joined to the neighbourhood of cell {@code from} at one scale.
 *
 * @param from local index of the receiving cell u
 * @param to local index of the joined cell v
 * @param probability the edge score {@code s_uv}
 * @param scale "meso" or "macro"
 */
public record LearnedEdge(int from, int to, float probability, String scale) {}
