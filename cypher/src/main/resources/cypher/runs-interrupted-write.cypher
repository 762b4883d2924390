// Startup sweep: training runs a stopped process left RUNNING become INTERRUPTED (train again with the same --run to
// resume from the last checkpoint). No params.
MATCH (r:Run {status: 'RUNNING'})
SET r.status = 'INTERRUPTED',
    r.reason = 'interrupted (the process stopped); train again with the same --run to resume'
RETURN r.id AS id
