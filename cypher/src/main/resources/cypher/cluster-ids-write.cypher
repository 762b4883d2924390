// Microenvironments: one batch of cluster ids, cells found through the unique Cell.id index. Params: $rows [{id, c}].
// Template: {{cluster}} as in cluster-cells-read.
UNWIND $rows AS r
MATCH (c:Cell {id: r.id})
SET c.{{cluster}} = r.c
