"""The reference side of the neighbour-graph benchmark: scipy as squidpy calls it.

squidpy.gr.spatial_neighbors builds its Delaunay graph with scipy.spatial.Delaunay and its kNN graph with a
k-d tree query of k + 1 neighbours (the point itself comes first). Only the calls that build the graph are
timed; turning simplices or neighbour rows into an edge set (for the comparison) is not.
"""
import time

import numpy as np
from scipy.spatial import Delaunay, cKDTree

MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def write_points(path, n, seed):
    """n uniform points at cell density (one per 100 um^2): n float64 x values, then n y values (LE)."""
    rng = np.random.default_rng(seed)
    side = np.sqrt(n * 100.0)
    xy = rng.uniform(0.0, side, size=(2, n))
    xy.astype("<f8").tofile(path)


def read_points(path):
    a = np.fromfile(path, dtype="<f8")
    n = a.size // 2
    return np.ascontiguousarray(np.stack([a[:n], a[n:]], axis=1))


def delaunay(pts):
    """Returns (wall s, cpu s, simplices)."""
    c0, t0 = time.process_time(), time.perf_counter()
    tri = Delaunay(pts)
    t1, c1 = time.perf_counter(), time.process_time()
    if len(tri.coplanar):
        raise RuntimeError(f"qhull left {len(tri.coplanar)} points out of the triangulation")
    return t1 - t0, c1 - c0, tri.simplices


def knn(pts, k, workers):
    """cKDTree build and a query of k + 1 (self included). Returns (wall s, cpu s, neighbour rows)."""
    c0, t0 = time.process_time(), time.perf_counter()
    tree = cKDTree(pts)
    _, idx = tree.query(pts, k=k + 1, workers=workers)
    t1, c1 = time.perf_counter(), time.process_time()
    return t1 - t0, c1 - c0, idx


def delaunay_edges(simplices):
    s = simplices.astype(np.int64)
    a = np.concatenate([s[:, 0], s[:, 1], s[:, 0]])
    b = np.concatenate([s[:, 1], s[:, 2], s[:, 2]])
    return a, b


def knn_edges(idx):
    n, k1 = idx.shape
    rows = np.repeat(np.arange(n, dtype=np.int64), k1)
    cols = idx.astype(np.int64).ravel()
    keep = cols != rows
    rows, cols = rows[keep], cols[keep]
    # a coincident point can take the place of the point itself: keep k per row
    if rows.size != n * (k1 - 1):
        raise RuntimeError("coincident points: the benchmark's points should have none")
    return rows, cols


def edge_set(n, a, b):
    """(edge count, checksum) of the undirected edges (a, b): the sum of splitmix64(s*n + t) mod 2^64."""
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keys = np.unique(lo.astype(np.uint64) * np.uint64(n) + hi.astype(np.uint64))
    return keys.size, checksum(keys)


def mix(z):
    with np.errstate(over="ignore"):
        z = z + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def checksum(keys):
    with np.errstate(over="ignore"):
        return format(int(np.sum(mix(keys), dtype=np.uint64)), "x")
