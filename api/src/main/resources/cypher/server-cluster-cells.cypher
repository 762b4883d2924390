// REST: the cells of one cluster of a READY section: $property is the cell property of the scale
// (clusterExpression, clusterMicro, clusterMeso or clusterMacro), ordered by cell id, one page.
// Params: $section, $property, $cluster, $offset, $limit.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (c:Cell {section: $section})
WHERE c[$property] = $cluster
RETURN c {.cellId, .x, .y, .tile, .microBlock, .mesoBlock, .cellType} AS cell
ORDER BY c.cellId
SKIP $offset
LIMIT $limit
