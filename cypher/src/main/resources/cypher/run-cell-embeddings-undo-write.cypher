// Undoing an interrupted write-back: one batch of cells loses the run's embeddings (zMicro, zMeso, zMacro: the
// Scale.cellEmbeddingProperty names); run again until n < $batch. Params: $run, $batch.
MATCH (c:Cell {embeddingRun: $run})
WITH c LIMIT $batch
REMOVE c.zMicro, c.zMeso, c.zMacro, c.embeddingRun
RETURN count(*) AS n
