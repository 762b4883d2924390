// Stores a clustering's neighbourhood enrichment and co-occurrence on its (:Cluster) nodes, so that the results go
// with the clustering (a new clustering of the same section and scale replaces the nodes and so the results).
// Params: $section, $scale, $rows (list of {id, counts, z, cooccurrence}), $permutations, $seed, $interval.
UNWIND $rows AS r
MATCH (k:Cluster {section: $section, scale: $scale, id: r.id})
SET k.enrichmentCounts = r.counts, k.enrichmentZ = r.z, k.enrichmentPermutations = $permutations,
    k.enrichmentSeed = $seed, k.cooccurrence = r.cooccurrence, k.cooccurrenceIntervalUm = $interval
RETURN count(k) AS written
