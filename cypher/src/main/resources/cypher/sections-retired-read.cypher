// Sections that a replace retired (renamed out of sight) and whose removal a stopped process may not have finished.
MATCH (s:Section {status: 'RETIRED'})
RETURN s.id AS id, s.imageDir AS imageDir
