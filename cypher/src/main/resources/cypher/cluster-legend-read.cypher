// Microenvironment maps: a section's clusters of one feature source, by id, with size and markers (JSON string).
// Params: $section, $scale (FeatureSource.id).
MATCH (k:Cluster {section: $section, scale: $scale})
RETURN k.id AS id, k.size AS size, k.markers AS markers
ORDER BY k.id
