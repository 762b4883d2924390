// Microenvironments: GDS k-means on the projected graph's emb property, each cell's node id and community.
// Params: $graph, $cfg (k, randomSeed, maxIterations, deltaThreshold, concurrency, nodeProperty).
CALL gds.kmeans.stream($graph, $cfg) YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).id AS id, communityId
