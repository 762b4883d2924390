// Analyst example over learned edges: cells of type $fromType that gained LEARNED edges of a scale to cells of type
// $toType (e.g. which tumour cells the model joined to T cells at the meso scale), most-connected first.
// Params: $section, $scale ('meso' | 'macro'), $fromType, $toType, $limit.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (a:Cell {section: $section, cellType: $fromType})-[e:LEARNED {scale: $scale}]-(b:Cell {cellType: $toType})
RETURN a.cellId AS cellId, a.tile AS tile, count(e) AS learnedEdges, avg(e.probability) AS meanProbability
ORDER BY learnedEdges DESC, cellId
LIMIT $limit
