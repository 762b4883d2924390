// Jobs, newest first, one page. Params: $offset, $limit.
MATCH (j:Job)
RETURN j {.*} AS job
ORDER BY j.seq DESC
SKIP $offset LIMIT $limit
