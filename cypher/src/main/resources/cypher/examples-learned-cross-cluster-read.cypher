// Analyst example over learned edges: which microenvironments the model's LEARNED edges join across a cluster border,
// at one scale (clusters of that scale, from `sigmma clusters --scale meso`, say). Params: $section, $scale ('meso' | 'macro').
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (a:Cell {section: $section})-[e:LEARNED {scale: $scale}]->(b:Cell)
WITH a, b, CASE $scale WHEN 'meso' THEN [a.clusterMeso, b.clusterMeso] ELSE [a.clusterMacro, b.clusterMacro] END AS k
WHERE k[0] IS NOT NULL AND k[1] IS NOT NULL AND k[0] <> k[1]
WITH CASE WHEN k[0] < k[1] THEN k[0] ELSE k[1] END AS clusterA, CASE WHEN k[0] < k[1] THEN k[1] ELSE k[0] END AS clusterB
RETURN clusterA, clusterB, count(*) AS crossingEdges
ORDER BY crossingEdges DESC, clusterA, clusterB
