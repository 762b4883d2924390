// REST: the status of one section, whatever it is (tells 404 from 409). Params: $section.
MATCH (s:Section {id: $section})
RETURN s.status AS status
