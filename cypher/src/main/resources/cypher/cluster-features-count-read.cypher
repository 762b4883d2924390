// Microenvironments: the cells of a READY section that carry the features to cluster. Params: $section.
// Template: {{features}} is the feature source's Cell property (features, zMicro, zMeso, zMacro), filled by
// CypherLibrary.query(name, FeatureSource) from FeatureSource only.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (c:Cell {section: $section})
WHERE c.{{features}} IS NOT NULL
RETURN count(c) AS n
