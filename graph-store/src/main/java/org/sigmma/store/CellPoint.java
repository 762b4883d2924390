package org.sigmma.store;

/** A cell found by a spatial query: its id, centroid (micrometres), tile index and label. */
public record CellPoint(String cellId, double x, double y, int tile, String cellType) {
}
