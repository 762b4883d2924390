// REST retrieval: the candidate tiles of a section carrying embedding $property of run $run (or of any run when
// null), in grid order. Params: $section, $property, $run.
MATCH (t:Tile {section: $section})
WHERE t[$property] IS NOT NULL AND ($run IS NULL OR t.embeddingRun = $run)
RETURN t.id AS id, t.row AS row, t.col AS col, t.split AS split, t[$property] AS embedding
ORDER BY t.row, t.col
