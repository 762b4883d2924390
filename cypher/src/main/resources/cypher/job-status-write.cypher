// Move a job to a status with its reason, outcome and timestamps (null keeps the stored value). Params: $id, $status,
// $reason, $outcome, $section, $startedAt, $finishedAt.
MATCH (j:Job {id: $id})
SET j.status = $status, j.reason = $reason, j.outcome = coalesce($outcome, j.outcome),
    j.section = coalesce($section, j.section), j.startedAt = coalesce($startedAt, j.startedAt),
    j.finishedAt = coalesce($finishedAt, j.finishedAt)
RETURN j {.*} AS job
