// Microenvironments: drops the GDS graph $graph (no error when it is gone). Params: $graph.
CALL gds.graph.drop($graph, false) YIELD graphName
RETURN graphName
