// The newest job of a bundle folder (the inbox submits a bundle again only when its signature changed). Params: $bundle.
MATCH (j:Job {bundle: $bundle})
RETURN j {.*} AS job
ORDER BY j.seq DESC
LIMIT 1
