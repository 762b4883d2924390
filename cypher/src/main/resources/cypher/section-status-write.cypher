// Set a section's status in one write (LOADING -> READY is the last step of an ingest). Params: $section, $status, $reason.
MATCH (s:Section {id: $section})
SET s.status = $status, s.reason = $reason
RETURN s.id AS id, s.status AS status
