#!/usr/bin/env python3
"""Reads a `sigmma export` .h5ad with anndata (as scanpy / squidpy would) and checks its shapes and values.

Usage: /usr/bin/python3 api/src/test/python/check_h5ad.py OUT/SECTION.h5ad
Needs anndata (Debian: apt-get install -y python3-anndata). Exits 1 with the failed check on any mismatch.
"""
import sys

import anndata
import numpy as np
import scipy.sparse as sp


def check(ok, what):
    if not ok:
        print("FAILED: " + what)
        sys.exit(1)


def main(path):
    a = anndata.read_h5ad(path)
    n, g = a.shape
    print(a)
    check(n > 0 and g > 0, "cells and genes")
    check(a.obs_names.is_unique and a.var_names.is_unique, "unique cell ids and gene names")

    # X: raw counts, sparse CSR, non-negative integers
    check(sp.isspmatrix_csr(a.X), "X is a CSR matrix, got %s" % type(a.X))
    check(a.X.nnz > 0 and (a.X.data > 0).all(), "X holds the positive counts only")
    check(np.array_equal(a.X.data, np.round(a.X.data)), "X holds integer counts")

    # obs: tiles, split, clusters
    check(a.obs["tile"].dtype.kind == "i", "obs.tile is an integer")
    check(set(a.obs["split"].unique()) <= {"train", "val", "test", ""}, "obs.split values")
    check(((a.obs["tile"] < 0) == (a.obs["tile_id"] == "")).all(), "tile -1 exactly where tile_id is empty")
    for c in [c for c in a.obs.columns if c.startswith("cluster_")]:
        check(a.obs[c].dtype.kind == "i" and a.obs[c].min() >= -1, c + " ids")

    # var: HVG positions are a permutation of 0..k-1
    hv = a.var["hvg_index"].to_numpy()
    k = int((hv >= 0).sum())
    check(sorted(hv[hv >= 0]) == list(range(k)), "var.hvg_index positions")

    # obsm: coordinates in micrometres, PCA, SIGMMA embeddings per scale
    check(a.obsm["spatial"].shape == (n, 2) and np.isfinite(a.obsm["spatial"]).all(), "obsm.spatial is n x 2, finite")
    check(a.obsm["X_pca"].shape[0] == n and np.isfinite(a.obsm["X_pca"]).all(), "obsm.X_pca is n x d, finite")
    for key in [k for k in a.obsm.keys() if k.startswith("X_sigmma_")]:
        z = a.obsm[key]
        rows = np.isnan(z).all(axis=1)
        check(z.shape[0] == n and (rows | np.isfinite(z).all(axis=1)).all(), key + ": rows all finite or all NaN")
        print("%s: %d x %d, %d cells without one" % (key, z.shape[0], z.shape[1], rows.sum()))

    # obsp: the NEAR graph, symmetric; distances on the same pattern, as far apart as the coordinates say
    conn = a.obsp["spatial_connectivities"]
    dist = a.obsp["spatial_distances"]
    check(conn.shape == (n, n) and (conn != conn.T).nnz == 0, "spatial_connectivities is n x n, symmetric")
    check((conn.data == 1).all(), "spatial_connectivities is binary")
    check(((conn != 0) != (dist != 0)).nnz == 0, "spatial_distances has the pattern of the connectivities")
    coo = dist.tocoo()
    xy = a.obsm["spatial"]
    geo = np.linalg.norm(xy[coo.row] - xy[coo.col], axis=1)
    check(np.allclose(coo.data, geo, rtol=1e-3, atol=1e-3), "NEAR distances match the coordinates")
    for key in [k for k in a.obsp.keys() if k.startswith("sigmma_learned_")]:
        m = a.obsp[key]
        check(m.shape == (n, n) and ((m.data > 0) & (m.data <= 1)).all(), key + " probabilities in (0, 1]")
        print("%s: %d edges" % (key, m.nnz))

    check(a.uns["sigmma"]["section"] != "", "uns.sigmma.section")
    check(a.uns["spatial_neighbors"]["connectivities_key"] == "spatial_connectivities", "uns.spatial_neighbors")
    print("OK: %d cells x %d genes, %d counts, %d NEAR pairs, embeddings %s, clusters %s" % (
        n, g, a.X.nnz, conn.nnz // 2, [k for k in a.obsm.keys() if k.startswith("X_sigmma_")],
        [c for c in a.obs.columns if c.startswith("cluster_")]))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1])
