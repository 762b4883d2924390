// The cells of a section that carry a cluster id of one feature source, with their position, in cell-id order
// (neighbourhood enrichment and co-occurrence). Params: $section. Template: {{cluster}} is the cluster property.
MATCH (c:Cell {section: $section})
WHERE c.{{cluster}} IS NOT NULL AND c.{{cluster}} >= 0
RETURN c.id AS id, c.x AS x, c.y AS y, c.{{cluster}} AS cluster
ORDER BY id
