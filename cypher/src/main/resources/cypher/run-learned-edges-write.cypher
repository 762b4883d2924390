// Stores what a run's learned edges do on its test tiles (LearnedEdgeReport as JSON: keep shares, enrichment for the
// simulator's planted pairs with its interval, the retrieval cost of switching the added edges off) on its (:Run).
// Params: $id, $learnedEdges (JSON), $now.
MATCH (r:Run {id: $id})
SET r.learnedEdges = $learnedEdges, r.learnedEdgesAt = $now
RETURN count(r) AS n
