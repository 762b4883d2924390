// Sections a stopped process left LOADING (swept when the store opens): those whose ingest's last heartbeat is older
// than $staleBefore (epoch ms). The embedded store passes the largest long: it is the only writer, so every LOADING
// section it finds at open is left over; a server passes now minus the lease. Params: $staleBefore.
MATCH (s:Section {status: 'LOADING'})
WHERE coalesce(s.heartbeatAt, 0) < $staleBefore
RETURN s.id AS id
