// Ends a run with a status; null metrics keep the stored ones. Params: $id, $status, $metrics (or null), $now.
MATCH (r:Run {id: $id})
SET r.status = $status, r.metrics = coalesce($metrics, r.metrics), r.finishedAt = $now
