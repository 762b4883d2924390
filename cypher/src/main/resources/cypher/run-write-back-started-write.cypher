// A run's write-back is under way: WRITING on its Run node until run-write-back-finished-write (a process killed in
// between leaves the mark, and the next start undoes the write-back). Params: $run, $sections (comma-separated), $now.
MERGE (r:Run {id: $run})
SET r.writeBack = 'WRITING', r.writeBackSections = $sections, r.writeBackStartedAt = $now, r.writeBackReason = null
