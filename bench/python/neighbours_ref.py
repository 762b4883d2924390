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


def read_edges(path):
    """Edges written by NeighbourBenchMain's "edges" command: int32 pairs (s < t)."""
    e = np.fromfile(path, dtype="<i4").astype(np.int64).reshape(-1, 2)
    return e[:, 0], e[:, 1]


def _incircle(a, b, c, d):
    """Sign of the exact in-circle determinant: > 0 when d lies strictly inside the circle through the
    counter-clockwise triangle (a, b, c). Float64 coordinates are exact as Fractions."""
    from fractions import Fraction as F
    rows = []
    for p in (a, b, c):
        dx, dy = F(p[0]) - F(d[0]), F(p[1]) - F(d[1])
        rows.append((dx, dy, dx * dx + dy * dy))
    (a0, a1, a2), (b0, b1, b2), (c0, c1, c2) = rows
    det = a0 * (b1 * c2 - b2 * c1) - a1 * (b0 * c2 - b2 * c0) + a2 * (b0 * c1 - b1 * c0)
    return (det > 0) - (det < 0)


def _orient(a, b, c):
    from fractions import Fraction as F
    det = (F(b[0]) - F(a[0])) * (F(c[1]) - F(a[1])) - (F(b[1]) - F(a[1])) * (F(c[0]) - F(a[0]))
    return (det > 0) - (det < 0)


def explain_delaunay_difference(pts, simplices, a, b, limit=2000):
    """Why two Delaunay edge sets of the same points differ, checked with exact arithmetic.

    (a, b) are the platform's edges. Each edge that only scipy has is the diagonal of the quadrilateral of
    its two scipy triangles; the difference is explained when the platform has the other diagonal and
    either the fourth point lies strictly inside the circumcircle of scipy's triangle (qhull's floating-point
    triangulation is not Delaunay there: a rounding flip) or the four points are cocircular (both diagonals
    are Delaunay). Returns a dict: counts of each kind and of the unexplained edges, and a verdict."""
    n = len(pts)
    sa, sb = delaunay_edges(simplices)
    s_keys = np.unique(np.minimum(sa, sb) * n + np.maximum(sa, sb))
    p_keys = np.unique(np.minimum(a, b) * n + np.maximum(a, b))
    only_s = np.setdiff1d(s_keys, p_keys)
    only_p = set(np.setdiff1d(p_keys, s_keys).tolist())
    out = {"only_reference": int(only_s.size), "only_platform": len(only_p), "qhull_not_delaunay": 0,
           "cocircular": 0, "unexplained": 0}
    if only_s.size > limit or len(only_p) != only_s.size:
        out["unexplained"] = max(int(only_s.size), len(only_p))
        out["verdict"] = "DIFFERENT"
        return out
    verts = np.unique(np.concatenate([only_s // n, only_s % n]))
    cand = simplices[np.isin(simplices, verts).any(axis=1)].astype(np.int64)
    for key in only_s.tolist():
        u, v = key // n, key % n
        tris = cand[(cand == u).any(axis=1) & (cand == v).any(axis=1)]
        opposite = [int(t[(t != u) & (t != v)][0]) for t in tris]
        if len(opposite) != 2:
            out["unexplained"] += 1
            continue
        c, d = opposite
        other = min(c, d) * n + max(c, d)
        if other not in only_p:
            out["unexplained"] += 1
            continue
        only_p.discard(other)
        p, q = (u, v) if _orient(pts[u], pts[v], pts[c]) > 0 else (v, u)
        s = _incircle(pts[p], pts[q], pts[c], pts[d])
        if s > 0:
            out["qhull_not_delaunay"] += 1
        elif s == 0:
            out["cocircular"] += 1
        else:
            out["unexplained"] += 1
    out["unexplained"] += len(only_p)
    out["verdict"] = "EQUIVALENT" if out["unexplained"] == 0 else "DIFFERENT"
    return out
