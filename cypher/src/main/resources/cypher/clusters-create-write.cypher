// Microenvironments: one Cluster node per cluster, composition and markers as JSON strings.
// Params: $section, $scale (FeatureSource.id), $k, $nodes [{id, size, composition, markers}].
UNWIND $nodes AS k
CREATE (:Cluster {section: $section, scale: $scale, k: $k, id: k.id, size: k.size,
                  composition: k.composition, markers: k.markers})
