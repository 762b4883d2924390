// Stores an evaluation of a run (a JSON document) and the file of its fitted gene predictor; n = 0 when there is no
// such run. Params: $id, $evaluation, $predictor, $now.
MATCH (r:Run {id: $id})
SET r.evaluation = $evaluation, r.predictor = $predictor, r.evaluatedAt = $now
RETURN count(r) AS n
