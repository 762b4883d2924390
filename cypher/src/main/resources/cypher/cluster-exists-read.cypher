// REST: whether one cluster exists in a section at a scale. Params: $section, $scale, $cluster.
MATCH (k:Cluster {section: $section, scale: $scale, id: $cluster})
RETURN count(k) AS n
