// REST: the microenvironments (Cluster nodes) of a READY section at one scale, optionally of one run, by id,
// one page. composition and markers are JSON strings. Params: $section, $scale, $run (or null), $offset, $limit.
// The neighbourhood statistics stored on the same nodes (sigmma neighbourhood) have a route of their own.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (k:Cluster {section: $section, scale: $scale})
WHERE $run IS NULL OR k.run = $run
RETURN k {.section, .scale, .k, .id, .size, .composition, .markers, .run} AS cluster
ORDER BY k.id, k.run
SKIP $offset
LIMIT $limit
