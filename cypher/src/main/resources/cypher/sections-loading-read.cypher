// Sections a killed process left LOADING (swept when the store opens). Params: none.
MATCH (s:Section {status: 'LOADING'})
RETURN s.id AS id
