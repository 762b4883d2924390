// The Cluster nodes of a section (every scale and feature source), when the section itself goes.
MATCH (k:Cluster {section: $section})
DETACH DELETE k
RETURN count(*) AS deleted
