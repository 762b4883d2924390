// REST: training and inference runs, newest first, one page (config and metrics are JSON strings).
// Params: $offset, $limit.
MATCH (r:Run)
RETURN r {.*} AS run
ORDER BY r.startedAt DESC, r.id
SKIP $offset
LIMIT $limit
