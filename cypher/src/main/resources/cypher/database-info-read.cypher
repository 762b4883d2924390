// GET /api/health: the database answers, and its name (run with a 1 s time-out). No params.
CALL db.info() YIELD name
RETURN name AS database
