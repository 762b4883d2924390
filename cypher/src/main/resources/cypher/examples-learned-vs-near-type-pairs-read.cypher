// Analyst example: which cell-type pairs the model joined with LEARNED edges of one scale, against the pairs the
// spatial graph already joins with NEAR edges. share = the pair's part of that relationship's edges in the section;
// lift = learned share / NEAR share (above 1: the model joins this pair more often than mere adjacency does).
// Type pairs are unordered (the lexically smaller type first). Params: $section, $scale ('meso' | 'macro'), $run
// (a run id, or null for every run's edges), $limit.
MATCH (s:Section {id: $section, status: 'READY'})
CALL {
  MATCH (a:Cell {section: $section})-[e:LEARNED {scale: $scale}]->(b:Cell)
  WHERE ($run IS NULL OR e.run = $run) AND a.cellType IS NOT NULL AND b.cellType IS NOT NULL
  WITH CASE WHEN a.cellType <= b.cellType THEN a.cellType ELSE b.cellType END AS typeA,
       CASE WHEN a.cellType <= b.cellType THEN b.cellType ELSE a.cellType END AS typeB
  RETURN typeA, typeB, count(*) AS learned
}
WITH collect({a: typeA, b: typeB, n: learned}) AS learnedPairs
CALL {
  MATCH (a:Cell {section: $section})-[:NEAR]->(b:Cell)
  WHERE a.cellType IS NOT NULL AND b.cellType IS NOT NULL
  WITH CASE WHEN a.cellType <= b.cellType THEN a.cellType ELSE b.cellType END AS typeA,
       CASE WHEN a.cellType <= b.cellType THEN b.cellType ELSE a.cellType END AS typeB
  RETURN typeA, typeB, count(*) AS near
}
WITH learnedPairs, collect({a: typeA, b: typeB, n: near}) AS nearPairs
WITH learnedPairs, nearPairs,
     reduce(t = 0, p IN learnedPairs | t + p.n) AS learnedTotal,
     reduce(t = 0, p IN nearPairs | t + p.n) AS nearTotal
UNWIND learnedPairs AS l
WITH l, learnedTotal, nearTotal, [p IN nearPairs WHERE p.a = l.a AND p.b = l.b | p.n] AS nearMatch
WITH l.a AS typeA, l.b AS typeB, l.n AS learned, coalesce(nearMatch[0], 0) AS near, learnedTotal, nearTotal
RETURN typeA, typeB, learned, near,
       toFloat(learned) / learnedTotal AS learnedShare,
       CASE WHEN nearTotal = 0 THEN null ELSE toFloat(near) / nearTotal END AS nearShare,
       CASE WHEN near = 0 OR nearTotal = 0 THEN null
            ELSE (toFloat(learned) / learnedTotal) / (toFloat(near) / nearTotal) END AS lift
ORDER BY learned DESC, typeA, typeB
LIMIT $limit
