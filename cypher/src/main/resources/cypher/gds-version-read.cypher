// GET /api/version: the version of Graph Data Science (fails where GDS is not registered). No params.
RETURN gds.version() AS v
