"""Checks of the bench's exact Delaunay comparison: /usr/bin/python3 -m unittest bench/python/test_neighbours_ref.py"""
import os
import sys
import unittest

import numpy as np
from scipy.spatial import Delaunay

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import neighbours_ref as ref  # noqa: E402


def keys_of(simplices, n):
    a, b = ref.delaunay_edges(simplices)
    return {min(i, j) * n + max(i, j) for i, j in zip(a.tolist(), b.tolist())}


def flippable(pts, s, keys, n, want):
    """An interior edge (u, v) with opposite vertices (c, d) in a convex quadrilateral that want() accepts."""
    for key in sorted(keys):
        u, v = divmod(key, n)
        t = s[(s == u).any(1) & (s == v).any(1)]
        if len(t) != 2:
            continue
        c, d = (int(x[(x != u) & (x != v)][0]) for x in t)
        if ref._orient(pts[c], pts[d], pts[u]) * ref._orient(pts[c], pts[d], pts[v]) < 0 and want(u, v, c, d):
            return u, v, c, d
    raise AssertionError("no such edge")


def as_edges(keys, n):
    arr = np.array(sorted(keys))
    return arr // n, arr % n


class ExplainDelaunayDifference(unittest.TestCase):

    def setUp(self):
        self.p = np.random.default_rng(1).uniform(0, 10, (200, 2))
        self.n = len(self.p)
        self.s = Delaunay(self.p).simplices
        self.keys = keys_of(self.s, self.n)

    def test_same_edges_have_nothing_to_explain(self):
        e = ref.explain_delaunay_difference(self.p, self.s, *as_edges(self.keys, self.n))
        self.assertEqual((e["only_reference"], e["verdict"]), (0, "EQUIVALENT"))

    def test_a_flip_away_from_delaunay_on_the_platform_side_is_a_difference(self):
        u, v, c, d = flippable(self.p, self.s, self.keys, self.n, lambda *q: True)
        wrong = (self.keys - {min(u, v) * self.n + max(u, v)}) | {min(c, d) * self.n + max(c, d)}
        e = ref.explain_delaunay_difference(self.p, self.s, *as_edges(wrong, self.n))
        self.assertEqual((e["unexplained"], e["verdict"]), (1, "DIFFERENT"))

    def test_a_non_delaunay_reference_edge_is_a_rounding_flip(self):
        u, v, c, d = flippable(self.p, self.s, self.keys, self.n, lambda *q: True)
        bad = self.s.copy()
        rows = np.nonzero((self.s == u).any(1) & (self.s == v).any(1))[0]
        bad[rows[0]], bad[rows[1]] = [u, c, d], [v, c, d]
        e = ref.explain_delaunay_difference(self.p, bad, *as_edges(self.keys, self.n))
        self.assertEqual((e["qhull_not_delaunay"], e["verdict"]), (1, "EQUIVALENT"))

    def test_cocircular_points_allow_either_diagonal(self):
        g = np.array([(x, y) for x in range(4) for y in range(4)], dtype=float)
        n, s = len(g), Delaunay(g).simplices
        keys = keys_of(s, n)
        u, v, c, d = flippable(g, s, keys, n, lambda u, v, c, d: True)
        other = (keys - {min(u, v) * n + max(u, v)}) | {min(c, d) * n + max(c, d)}
        e = ref.explain_delaunay_difference(g, s, *as_edges(other, n))
        self.assertEqual((e["cocircular"], e["verdict"]), (1, "EQUIVALENT"))


if __name__ == "__main__":
    unittest.main()
