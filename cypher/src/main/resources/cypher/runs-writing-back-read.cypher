// Startup sweep: the runs whose write-back a stopped process left WRITING (to be undone). No params.
MATCH (r:Run {writeBack: 'WRITING'})
RETURN r.id AS id
