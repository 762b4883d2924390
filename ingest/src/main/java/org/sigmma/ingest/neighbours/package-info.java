/**
 * The spatial-neighbour graph of a whole section, built once at ingest (docs/method.md, Geometry): the three
 * methods squidpy offers for generic coordinates, in plain Java over arrays.
 *
 * <ul>
 *   <li>{@link org.sigmma.ingest.neighbours.NeighbourGraphBuilder} is the entry point;</li>
 *   <li>{@link org.sigmma.ingest.neighbours.NeighbourGraph} holds each undirected edge once, sorted, with its
 *       length; {@link org.sigmma.ingest.neighbours.NeighbourAdjacency} is its per-point (CSR) view.</li>
 * </ul>
 *
 * Delaunay is a radial sweep hull with exact predicates (package-private {@code DelaunayTriangulator},
 * {@code Predicates}); kNN and radius search a 2-d tree in parallel ({@code KdTree}).
 */
package org.sigmma.ingest.neighbours;
