// REST: the cells of one micro-scale cluster of a section, ordered by cell id, one page.
// Params: $section, $cluster, $offset, $limit. One file per scale so that the property is named in the text: the
// index cell_section_cluster_micro on (Cell.section, Cell.clusterMicro, Cell.cellId) finds the cells and yields them in
// the order asked for (ORDER BY names the index's properties: the planner matches the order only so; with the first
// two fixed it is cell-id order), so a page costs offset + limit index entries (ClusterCellsPlanTest checks the plan).
// The caller checks that the section is READY first: a check in this query ran once per row read.
MATCH (c:Cell {section: $section})
WHERE c.clusterMicro = $cluster AND c.cellId IS NOT NULL
RETURN c {.cellId, .x, .y, .tile, .microBlock, .mesoBlock, .cellType} AS cell
ORDER BY c.section, c.clusterMicro, c.cellId
SKIP $offset
LIMIT $limit
