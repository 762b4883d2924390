// Microenvironments: projects the section's cells carrying the features into the GDS graph $graph, the features as
// node property emb. Params: $section, $graph. Template: {{features}} as in cluster-features-count-read.
MATCH (c:Cell {section: $section})
WHERE c.{{features}} IS NOT NULL
WITH gds.graph.project($graph, c, null, {sourceNodeProperties: c {emb: c.{{features}}}, targetNodeProperties: null}) AS g
RETURN g.nodeCount AS n
