// Marks an undone write-back FAILED with what was removed. Params: $id, $reason.
MATCH (r:Run {id: $id})
SET r.writeBack = 'FAILED', r.writeBackReason = $reason
