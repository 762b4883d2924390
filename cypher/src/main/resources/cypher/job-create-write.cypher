// Queue a job: the next sequence number names it (job-<seq>). Params: $kind, $bundle, $section, $signature, $source, $now.
OPTIONAL MATCH (prev:Job)
WITH coalesce(max(prev.seq), 0) + 1 AS seq
CREATE (j:Job {id: 'job-' + seq, seq: seq, kind: $kind, status: 'QUEUED', bundle: $bundle, section: $section,
               signature: $signature, source: $source, submittedAt: $now})
RETURN j {.*} AS job
