/**
 * Spatial statistics over a section's cells, as plain algorithms over arrays: niche features (each cell's features
 * joined with the mean features of its hop layers, CellCharter's aggregation), neighbourhood enrichment of a
 * clustering over the NEAR graph (squidpy's permutation z-scores) and co-occurrence by distance (squidpy's ratio).
 * Nothing here imports Neo4j, HTTP or CLI types: store adapters and commands call these classes with arrays.
 */
package org.sigmma.model.spatial;
