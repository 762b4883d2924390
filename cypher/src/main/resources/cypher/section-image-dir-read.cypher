// One tile image path of a section: the folder it lies in holds all of the section's tile images.
MATCH (t:Tile {section: $section})
WHERE t.imageRef IS NOT NULL
RETURN t.imageRef AS imageRef
LIMIT 1
