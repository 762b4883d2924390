// REST: tiles of a READY section whose square [x0, x0 + sizeUm] x [y0, y0 + sizeUm] meets the closed box
// (micrometres), optionally of one split, in grid order, one page.
// Params: $section, $xmin, $ymin, $xmax, $ymax, $split (or null), $offset, $limit.
MATCH (s:Section {id: $section, status: 'READY'})
MATCH (t:Tile {section: $section})
WHERE ($split IS NULL OR t.split = $split)
  AND t.x0 <= $xmax AND t.x0 + t.sizeUm >= $xmin
  AND t.y0 <= $ymax AND t.y0 + t.sizeUm >= $ymin
RETURN t {.id, .section, .index, .row, .col, .x0, .y0, .sizeUm, .split, .nCells, .imageRef, .embeddingRun,
          hasEmbeddings: t.heMacro IS NOT NULL} AS tile
ORDER BY t.row, t.col
SKIP $offset
LIMIT $limit
