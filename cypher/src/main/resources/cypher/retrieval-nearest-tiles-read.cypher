// Cross-modal retrieval over every section through a vector index (REST retrieval with scope=all): the $candidates
// nearest tiles by cosine to $embedding in index $index (tile_st_meso, ...; HNSW, approximate), those of run $run
// kept, with their embedding $property (the index's property) so that the caller ranks them exactly. The index's
// cosine score is (1 + cos) / 2, in single precision. Params: $index, $candidates, $embedding, $run, $property.
CALL db.index.vector.queryNodes($index, $candidates, $embedding) YIELD node, score
WITH node AS t, score
WHERE t.embeddingRun = $run
RETURN t.id AS id, t.section AS section, t.row AS row, t.col AS col, t.split AS split, 2 * score - 1 AS indexSimilarity,
       t[$property] AS embedding
ORDER BY indexSimilarity DESC, id
