// REST: cells of a READY section whose centroid lies in the closed box (micrometres), through the point index,
// ordered by cell id, one page. Params: $section, $xmin, $ymin, $xmax, $ymax, $offset, $limit.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (c:Cell)
WHERE point.withinBBox(c.location, point({x: $xmin, y: $ymin}), point({x: $xmax, y: $ymax}))
  AND c.section = $section
RETURN c {.cellId, .x, .y, .tile, .microBlock, .mesoBlock, .cellType,
          .clusterExpression, .clusterMicro, .clusterMeso, .clusterMacro} AS cell
ORDER BY c.cellId
SKIP $offset
LIMIT $limit
