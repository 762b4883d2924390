// REST: the cells of one cluster of a section, ordered by cell id, one page. Params: $section, $cluster, $offset, $limit.
// Template: {{cluster}} is the Cell property of the clustering's feature source (clusterExpression, clusterMicro,
// clusterMeso, clusterMacro), filled by CypherLibrary.query(name, FeatureSource) from FeatureSource only, never from
// a request. The property is named in the text, not read as c[$property], so that the index
// cell_section_cluster_<source> on (Cell.section, Cell.{{cluster}}, Cell.cellId) finds the cells and yields them in the
// order asked for (ORDER BY names the index's properties: the planner matches the order only so; with the first two
// fixed it is cell-id order), so a page costs offset + limit index entries (ClusterCellsPlanTest checks the plan).
// The caller checks that the section is READY first: a check in this query ran once per row read.
MATCH (c:Cell {section: $section})
WHERE c.{{cluster}} = $cluster AND c.cellId IS NOT NULL
RETURN c {.cellId, .x, .y, .tile, .microBlock, .mesoBlock, .cellType} AS cell
ORDER BY c.section, c.{{cluster}}, c.cellId
SKIP $offset
LIMIT $limit
