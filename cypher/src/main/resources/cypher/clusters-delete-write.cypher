// Microenvironments: deletes a section's Cluster nodes of one feature source (a new clustering replaces them).
// Params: $section, $scale (FeatureSource.id: expression, micro, meso, macro).
MATCH (k:Cluster {section: $section, scale: $scale})
DETACH DELETE k
