// Cells of a READY section inside a bounding box (micrometres), through the point index.
// Params: $section, $xmin, $ymin, $xmax, $ymax, $limit.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (c:Cell)
WHERE point.withinBBox(c.location, point({x: $xmin, y: $ymin}), point({x: $xmax, y: $ymax}))
  AND c.section = $section
RETURN c.cellId AS cellId, c.x AS x, c.y AS y, c.tile AS tile, c.cellType AS cellType
ORDER BY c.cellId
LIMIT $limit
