// Microenvironments: removes a section's previous cluster ids of one feature source before new ones are written.
// Params: $section. Template: {{cluster}} as in cluster-cells-read.
MATCH (c:Cell {section: $section})
WHERE c.{{cluster}} IS NOT NULL
REMOVE c.{{cluster}}
