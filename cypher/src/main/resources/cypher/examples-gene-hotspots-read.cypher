// Analyst example: tiles ranked by the total count of one gene. Params: $section, $gene (a gene name), $limit.
MATCH (s:Section {id: $section, status: 'READY'})
WITH s, [i IN range(0, size(s.genes) - 1) WHERE s.genes[i] = $gene][0] AS g
MATCH (c:Cell {section: $section})
WHERE c.tile >= 0
WITH c.tile AS tile, g, c
WITH tile, sum(reduce(acc = 0, k IN range(0, size(c.countGenes) - 1) |
        acc + CASE WHEN c.countGenes[k] = g THEN c.counts[k] ELSE 0 END)) AS total
RETURN tile, total
ORDER BY total DESC, tile
LIMIT $limit
