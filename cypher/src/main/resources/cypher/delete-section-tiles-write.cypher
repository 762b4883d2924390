// Delete the tiles of a section (after its cells). Params: $section.
MATCH (t:Tile {section: $section})
DETACH DELETE t
RETURN count(*) AS deleted
