// One job by id. Params: $id.
MATCH (j:Job {id: $id})
RETURN j {.*} AS job
