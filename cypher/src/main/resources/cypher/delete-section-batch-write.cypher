// Delete up to $batch cells (and their relationships) of a section; call until it returns 0. Params: $section, $batch.
MATCH (c:Cell {section: $section})
WITH c LIMIT $batch
DETACH DELETE c
RETURN count(*) AS deleted
