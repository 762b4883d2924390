// Microenvironment maps: every cell of a section with its position and its cluster id (null when none).
// Params: $section. Template: {{cluster}} as in cluster-cells-read.
MATCH (c:Cell {section: $section})
RETURN c.x AS x, c.y AS y, c.{{cluster}} AS k
