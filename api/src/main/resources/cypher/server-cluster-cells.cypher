// REST: the cells of one cluster of a READY section: $property is the cell property of the scale
// (clusterExpression, clusterMicro, clusterMeso or clusterMacro), ordered by cell id, one page.
// Params: $section, $property, $cluster, $offset, $limit.
// "tile IS NOT NULL" (every cell has one, -1 when dropped) lets the planner seek the (section, tile) index instead of
// scanning every Cell label.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (c:Cell {section: $section})
WHERE c.tile IS NOT NULL AND c[$property] = $cluster
RETURN c {.cellId, .x, .y, .tile, .microBlock, .mesoBlock, .cellType} AS cell
ORDER BY c.cellId
SKIP $offset
LIMIT $limit
