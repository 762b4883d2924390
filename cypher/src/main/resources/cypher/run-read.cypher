// REST: one run by id (config and metrics are JSON strings). Params: $id.
MATCH (r:Run {id: $id})
RETURN r {.*} AS run
