// A run's write-back is complete: every tile written. Params: $run, $now, $tiles, $edges.
MATCH (r:Run {id: $run})
SET r.writeBack = 'DONE', r.writeBackFinishedAt = $now, r.writeBackTiles = $tiles, r.writeBackEdges = $edges
