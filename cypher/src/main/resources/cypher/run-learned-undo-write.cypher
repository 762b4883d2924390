// Undoing an interrupted write-back: one batch of the run's LEARNED edges deleted; run again until n < $batch.
// Params: $run, $batch.
MATCH ()-[e:LEARNED {run: $run}]->()
WITH e LIMIT $batch
DELETE e
RETURN count(*) AS n
