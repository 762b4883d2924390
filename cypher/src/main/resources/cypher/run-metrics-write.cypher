// Replaces a run's metrics (a JSON document: per-epoch list and summary). Params: $id, $metrics.
MATCH (r:Run {id: $id})
SET r.metrics = $metrics
