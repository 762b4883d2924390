// Export: a section's header (status, genes, HVG indices, pixel size) and its tiles. Params: $section.
MATCH (s:Section {id: $section})
RETURN s.status AS status, s.name AS name, s.pixelSizeUm AS pixelSizeUm, s.genes AS genes, s.hvg AS hvg,
       COLLECT { MATCH (t:Tile {section: s.id}) RETURN {index: t.index, id: t.id, split: t.split} AS tile } AS tiles
