// The gene panel of a READY section, in the order of Cell.countGenes. Params: $id.
MATCH (s:Section {id: $id, status: 'READY'})
RETURN s.genes AS genes
