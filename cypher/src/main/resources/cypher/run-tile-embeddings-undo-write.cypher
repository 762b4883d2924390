// Undoing an interrupted write-back: one batch of tiles loses the run's embeddings (he* and st* per scale: the
// Scale.heEmbeddingProperty and stEmbeddingProperty names); run again until n < $batch. Params: $run, $batch.
MATCH (t:Tile {embeddingRun: $run})
WITH t LIMIT $batch
REMOVE t.heMicro, t.heMeso, t.heMacro, t.stMicro, t.stMeso, t.stMacro, t.embeddingRun
RETURN count(*) AS n
