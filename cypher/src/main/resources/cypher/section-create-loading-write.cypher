// The Cypher write path (CypherSectionWriter, the path over Bolt): a section's node in LOADING state, before any
// cell is written. Params: $props (id, name, tissue, pixelSizeUm, tileSizePx, widthUm, heightUm, genes, hvg,
// featureDim, sourceDigest, status 'LOADING', ingestedAt, heartbeatAt, and the ingest's own properties).
CREATE (s:Section)
SET s = $props
RETURN s.id AS id
