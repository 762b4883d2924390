// Jobs a killed process left RUNNING become FAILED "interrupted" (swept when the store opens). Params: $now.
MATCH (j:Job {status: 'RUNNING'})
SET j.status = 'FAILED', j.reason = 'interrupted (the process stopped while the job ran)', j.finishedAt = $now
RETURN j.id AS id, j.section AS section
