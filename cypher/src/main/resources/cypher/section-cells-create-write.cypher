// The Cypher write path (CypherSectionWriter, the reference the embedded writer is measured against): one batch of
// cells of a LOADING section. Params: $section, $rows [{id, cellId, x, y, tile, micro, meso, genes, counts, features,
// type (or null)}].
UNWIND $rows AS r
CREATE (c:Cell {id: r.id, section: $section, cellId: r.cellId, x: r.x, y: r.y,
                location: point({x: r.x, y: r.y}), tile: r.tile, microBlock: r.micro, mesoBlock: r.meso,
                countGenes: r.genes, counts: r.counts, features: r.features})
WITH c, r WHERE r.type IS NOT NULL
SET c.cellType = r.type
