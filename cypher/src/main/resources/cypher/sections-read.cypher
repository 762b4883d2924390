// All sections with their status, newest first. Params: none. A replace's staged version (id 'name~next-...') and
// the version it retired ('name~retired-...') are internal and not listed.
MATCH (s:Section)
WHERE NOT s.id CONTAINS '~'
RETURN s.id AS id, s.name AS name, s.status AS status, s.tissue AS tissue, s.pixelSizeUm AS pixelSizeUm,
       s.tileSizePx AS tileSizePx, s.widthUm AS widthUm, s.heightUm AS heightUm, s.nCells AS nCells,
       s.nEdges AS nEdges, s.nTiles AS nTiles, size(s.genes) AS nGenes, s.sourceDigest AS sourceDigest,
       s.ingestedAt AS ingestedAt, s.reason AS reason
ORDER BY s.ingestedAt DESC, s.id
