// Schema of the SIGMMA graph (DESIGN.md "Graph model"). Idempotent: every statement uses IF NOT EXISTS.
CREATE CONSTRAINT section_id IF NOT EXISTS FOR (s:Section) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT cell_id IF NOT EXISTS FOR (c:Cell) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT tile_id IF NOT EXISTS FOR (t:Tile) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT run_id IF NOT EXISTS FOR (r:Run) REQUIRE r.id IS UNIQUE;
CREATE INDEX cell_section_tile IF NOT EXISTS FOR (c:Cell) ON (c.section, c.tile);
CREATE POINT INDEX cell_location IF NOT EXISTS FOR (c:Cell) ON (c.location);
CREATE INDEX tile_section_split IF NOT EXISTS FOR (t:Tile) ON (t.section, t.split);
CREATE INDEX section_status IF NOT EXISTS FOR (s:Section) ON (s.status);
// The cells of one microenvironment, a page at a time in cell-id order (REST cluster cells): equality on the first
// two properties, and the index's order on the third serves ORDER BY cellId, so a page reads only offset + limit
// entries instead of sorting the whole cluster. A cell without a cluster id at a scale has no entry.
CREATE INDEX cell_section_cluster_expression IF NOT EXISTS FOR (c:Cell) ON (c.section, c.clusterExpression, c.cellId);
CREATE INDEX cell_section_cluster_micro IF NOT EXISTS FOR (c:Cell) ON (c.section, c.clusterMicro, c.cellId);
CREATE INDEX cell_section_cluster_meso IF NOT EXISTS FOR (c:Cell) ON (c.section, c.clusterMeso, c.cellId);
CREATE INDEX cell_section_cluster_macro IF NOT EXISTS FOR (c:Cell) ON (c.section, c.clusterMacro, c.cellId);
CREATE INDEX cell_section_cluster_niche_micro IF NOT EXISTS FOR (c:Cell) ON (c.section, c.clusterNicheMicro, c.cellId);
CREATE INDEX cell_section_cluster_niche_meso IF NOT EXISTS FOR (c:Cell) ON (c.section, c.clusterNicheMeso, c.cellId);
CREATE INDEX cell_section_cluster_niche_macro IF NOT EXISTS FOR (c:Cell) ON (c.section, c.clusterNicheMacro, c.cellId);
CREATE CONSTRAINT job_id IF NOT EXISTS FOR (j:Job) REQUIRE j.id IS UNIQUE;
CREATE INDEX job_status IF NOT EXISTS FOR (j:Job) ON (j.status);
// Cross-modal retrieval over every section (GET /api/tiles/{id}/retrieval?scope=all, retrieval-nearest-tiles-read):
// one vector index per modality and scale on the tile embeddings. No fixed dimension (the run's config sets it);
// cosine, so the index's score s is (1 + cos) / 2.
CREATE VECTOR INDEX tile_he_micro IF NOT EXISTS FOR (t:Tile) ON (t.heMicro) OPTIONS {indexConfig: {`vector.similarity_function`: 'cosine'}};
CREATE VECTOR INDEX tile_he_meso IF NOT EXISTS FOR (t:Tile) ON (t.heMeso) OPTIONS {indexConfig: {`vector.similarity_function`: 'cosine'}};
CREATE VECTOR INDEX tile_he_macro IF NOT EXISTS FOR (t:Tile) ON (t.heMacro) OPTIONS {indexConfig: {`vector.similarity_function`: 'cosine'}};
CREATE VECTOR INDEX tile_st_micro IF NOT EXISTS FOR (t:Tile) ON (t.stMicro) OPTIONS {indexConfig: {`vector.similarity_function`: 'cosine'}};
CREATE VECTOR INDEX tile_st_meso IF NOT EXISTS FOR (t:Tile) ON (t.stMeso) OPTIONS {indexConfig: {`vector.similarity_function`: 'cosine'}};
CREATE VECTOR INDEX tile_st_macro IF NOT EXISTS FOR (t:Tile) ON (t.stMacro) OPTIONS {indexConfig: {`vector.similarity_function`: 'cosine'}};
