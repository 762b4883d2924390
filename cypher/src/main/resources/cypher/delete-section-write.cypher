// Deletes a section's Section node, last step of a deletion (its cells and tiles are gone by then). Params: $section.
MATCH (s:Section {id: $section})
DETACH DELETE s
