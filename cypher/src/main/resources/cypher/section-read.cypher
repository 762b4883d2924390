// One section by id, whatever its status. Params: $section.
MATCH (s:Section {id: $section})
RETURN s.id AS id, s.name AS name, s.status AS status, s.tissue AS tissue, s.pixelSizeUm AS pixelSizeUm,
       s.tileSizePx AS tileSizePx, s.widthUm AS widthUm, s.heightUm AS heightUm, s.nCells AS nCells,
       s.nEdges AS nEdges, s.nTiles AS nTiles, size(s.genes) AS nGenes, s.sourceDigest AS sourceDigest,
       s.ingestedAt AS ingestedAt, s.reason AS reason
