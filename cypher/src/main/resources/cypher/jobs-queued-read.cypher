// The queue: QUEUED jobs, oldest first (the worker takes the first). Params: none.
MATCH (j:Job {status: 'QUEUED'})
RETURN j {.*} AS job
ORDER BY j.seq
