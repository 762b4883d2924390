// The atomic step of a replace (one transaction): the READY section $section becomes RETIRED under the id $retired
// (cells, tiles and clusters renamed with it, out of sight), and the staged version $staging, fully written while the
// old one stayed READY, takes the id $section and becomes READY. A process killed before the commit leaves the old
// section READY and the staged one LOADING (swept on the next start); killed after it, the new one READY and the
// old one RETIRED (swept). Old names go first: cell and tile ids are unique, and the new ones take the old ones' ids.
MATCH (old:Section {id: $section, status: 'READY'}), (new:Section {id: $staging, status: 'LOADING'})
SET old.id = $retired, old.status = 'RETIRED', old.imageDir = $retiredImages, old.retiredAt = $now
WITH old, new
CALL {
  MATCH (c:Cell {section: $section})
  SET c.section = $retired, c.id = $retired + substring(c.id, size($section))
}
CALL {
  MATCH (t:Tile {section: $section})
  SET t.section = $retired, t.id = $retired + substring(t.id, size($section))
}
CALL {
  MATCH (k:Cluster {section: $section})
  SET k.section = $retired
}
CALL {
  MATCH (c:Cell {section: $staging})
  SET c.section = $section, c.id = $section + substring(c.id, size($staging))
}
CALL {
  MATCH (t:Tile {section: $staging})
  SET t.section = $section, t.id = $section + substring(t.id, size($staging))
}
SET new.id = $section, new.status = 'READY', new.reason = null
RETURN new.id AS id, old.id AS retired
