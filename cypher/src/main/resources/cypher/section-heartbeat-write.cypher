// A loading section's heartbeat: the ingest writing it is alive. Sweeps over a server remove only LOADING sections
// whose heartbeat is older than the lease (another client may be loading the others). Params: $section, $now (epoch ms).
MATCH (s:Section {id: $section, status: 'LOADING'})
SET s.heartbeatAt = $now
RETURN s.id AS id
