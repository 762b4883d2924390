// REST: the cells of one expression-scale cluster of a READY section, ordered by cell id, one page.
// Params: $section, $cluster, $offset, $limit. One file per scale so that the property is named in the text (an index
// on (Cell.section, Cell.clusterExpression) serves it); without one, "tile IS NOT NULL" (every cell has a tile, -1 when dropped)
// lets the planner seek the (section, tile) index instead of scanning every Cell.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (c:Cell {section: $section})
WHERE c.tile IS NOT NULL AND c.clusterExpression = $cluster
RETURN c {.cellId, .x, .y, .tile, .microBlock, .mesoBlock, .cellType} AS cell
ORDER BY c.cellId
SKIP $offset
LIMIT $limit
