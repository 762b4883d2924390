// GET /api/version: the database's name, version and edition. No params.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
