// Schema of the SIGMMA graph (DESIGN.md "Graph model"). Idempotent: every statement uses IF NOT EXISTS.
CREATE CONSTRAINT section_id IF NOT EXISTS FOR (s:Section) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT cell_id IF NOT EXISTS FOR (c:Cell) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT tile_id IF NOT EXISTS FOR (t:Tile) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT run_id IF NOT EXISTS FOR (r:Run) REQUIRE r.id IS UNIQUE;
CREATE INDEX cell_section_tile IF NOT EXISTS FOR (c:Cell) ON (c.section, c.tile);
CREATE POINT INDEX cell_location IF NOT EXISTS FOR (c:Cell) ON (c.location);
CREATE INDEX tile_section_split IF NOT EXISTS FOR (t:Tile) ON (t.section, t.split);
CREATE INDEX section_status IF NOT EXISTS FOR (s:Section) ON (s.status);
CREATE CONSTRAINT job_id IF NOT EXISTS FOR (j:Job) REQUIRE j.id IS UNIQUE;
CREATE INDEX job_status IF NOT EXISTS FOR (j:Job) ON (j.status);
