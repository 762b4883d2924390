package org.sigmma.ingest.neighbours;

/** The three ways squidpy builds a spatial-neighbour graph from generic coordinates. */
public enum NeighbourMethod {
    /** Edges of the Delaunay triangulation (squidpy {@code delaunay=True}). */
    DELAUNAY,
    /** Each point joined to its k nearest points, symmetrised as a union (squidpy {@code n_neighs}). */
    KNN,
    /** All pairs within a distance (squidpy {@code radius}). */
    RADIUS
}
