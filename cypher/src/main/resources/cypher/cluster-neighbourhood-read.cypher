// A clustering's stored neighbourhood enrichment and co-occurrence, one row per cluster in id order (null columns
// where `sigmma neighbourhood` has not run on it). Params: $section, $scale.
MATCH (k:Cluster {section: $section, scale: $scale})
RETURN k.id AS id, k.size AS size, k.enrichmentCounts AS counts, k.enrichmentZ AS z,
       k.enrichmentPermutations AS permutations, k.enrichmentSeed AS seed, k.cooccurrence AS cooccurrence,
       k.cooccurrenceIntervalUm AS interval
ORDER BY id
