// Creates a run, or reopens it (a resumed training keeps its id and start time), as RUNNING.
// Params: $id, $kind, $sections (comma-separated), $config (JSON), $checkpoint, $now.
MERGE (r:Run {id: $id})
  ON CREATE SET r.startedAt = $now
SET r.kind = $kind, r.sections = $sections, r.config = $config, r.checkpoint = $checkpoint,
    r.status = 'RUNNING', r.finishedAt = null
