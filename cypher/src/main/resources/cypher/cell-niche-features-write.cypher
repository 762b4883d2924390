// Writes one batch of niche features. Params: $rows (list of {id, v}). Template: {{features}} is the niche property
// (nicheMicro, nicheMeso, nicheMacro).
UNWIND $rows AS r
MATCH (c:Cell {id: r.id})
SET c.{{features}} = r.v
RETURN count(c) AS written
