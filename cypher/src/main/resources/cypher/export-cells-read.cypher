// Export: one page of a section's cells in Cell.id order (keyset paging on the unique Cell.id index: ids are
// "<section>:<cellId>"), with the NEAR and LEARNED edges leaving each (NEAR is stored once per pair, LEARNED once per
// directed edge, so outgoing edges list every edge once). Params: $section, $prefix ("<section>:"), $after, $limit.
MATCH (c:Cell)
WHERE c.id STARTS WITH $prefix AND c.id > $after AND c.section = $section
WITH c ORDER BY c.id LIMIT $limit
RETURN c.id AS id, c.cellId AS cellId, c.x AS x, c.y AS y, c.tile AS tile, c.cellType AS cellType,
       c.countGenes AS countGenes, c.counts AS counts, c.features AS features,
       c.zMicro AS zMicro, c.zMeso AS zMeso, c.zMacro AS zMacro, c.embeddingRun AS embeddingRun,
       c.clusterExpression AS clusterExpression, c.clusterMicro AS clusterMicro, c.clusterMeso AS clusterMeso,
       c.clusterMacro AS clusterMacro, c.clusterNicheMicro AS clusterNicheMicro, c.clusterNicheMeso AS clusterNicheMeso,
       c.clusterNicheMacro AS clusterNicheMacro,
       [(c)-[r:NEAR]->(o:Cell) | {target: o.cellId, distance: r.distance}] AS near,
       [(c)-[r:LEARNED]->(o:Cell) | {target: o.cellId, scale: r.scale, run: r.run, probability: r.probability}] AS learned
