// The expression features of a section's cells, in cell-id order (niche features: the input of the aggregation).
// Params: $section.
MATCH (c:Cell {section: $section})
WHERE c.features IS NOT NULL
RETURN c.id AS id, c.features AS features
ORDER BY id
