"""The reference side of the spatial-statistics benchmark: niche features, neighbourhood enrichment and
co-occurrence written from the published definitions with numpy / scipy (squidpy and CellCharter are not
installable here), run on the arrays the platform's SpatialBenchMain exported, and compared with its outputs.

Definitions (read from the projects' sources):
  niche features   CSOgroup/cellcharter src/cellcharter/gr/_aggr.py, _aggregate_neighbors with aggregations="mean":
                   boolean adjacency without diagonal; layer 1 = adj, layer l = (hop @ adj) > visited with visited
                   starting at adj + I; each layer row-normalised (1/deg, inf -> 0); hstack [X, layer 1, ..., layer L].
  enrichment       scverse/squidpy src/squidpy/gr/_nhood.py, nhood_enrichment / _nhood_enrichment_helper: counts over
                   the CSR rows, count[a, b] += 1 per entry i -> j; RandomState(seed).shuffle of the labels per
                   permutation; z = (count - perms.mean(0)) / perms.std(0), std 0 -> NaN (numpy instead of numba).
  co-occurrence    scverse/squidpy src/squidpy/gr/_ppatterns.py (1.10), _occur_count / _co_occurrence_helper: ordered
                   pairs i != j with d^2 <= interval[r+1]^2 (cumulative), occ[i, c, r] = (N[c, i, r] / R[c, r]) / p(i)
                   with R = N.sum(0), p(i) = R[i, r] / R[:, r].sum(). Pairs come from a k-d tree (exact, chunked) instead
                   of squidpy's all-pairs loop; distances are recomputed as dx*dx + dy*dy in float64 as the platform does.

  spatial_ref.py run --java '["java", ..., "-cp", CP]' --section mouse|simulated [--cells N] [--threads T] [--perms P]
                     [--hops L] [--interval FROM,TO,NUM] [--work DIR]
  spatial_ref.py one niche|enrichment|cooccurrence DIR --perms P --hops L --seed S   (one timed reference, in a child)
Only the algorithm itself is timed on both sides (not reading arrays or building the CSR / k-d tree inputs... the
k-d tree is part of the co-occurrence reference's time, as the grid is part of the platform's).
"""
import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sps
from scipy.sparse import spdiags
from scipy.spatial import cKDTree

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def load(d):
    r = lambda name, dt: np.fromfile(os.path.join(d, name), dtype=dt)
    meta = json.load(open(os.path.join(d, "java.json")))
    n, dim = meta["cells"], meta["dim"]
    return dict(meta=meta, n=n, dim=dim, x=r("x.f64", "<f8"), y=r("y.f64", "<f8"),
                features=r("features.f32", "<f4").reshape(n, dim), src=r("src.i32", "<i4"), dst=r("dst.i32", "<i4"),
                labels=r("labels.i32", "<i4"))


def adjacency(s):
    n = s["n"]
    a = sps.csr_matrix((np.ones(len(s["src"]), dtype=np.float32), (s["src"], s["dst"])), shape=(n, n))
    a = (a + a.T).tocsr()
    a.sum_duplicates()
    a.sort_indices()
    return a


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# --- CellCharter's aggregation ------------------------------------------------------------------------------------
def _setdiag(array, value):
    array = array.tolil()
    array.setdiag(value)
    array = array.tocsr()
    if value == 0:
        array.eliminate_zeros()
    return array


def _normalize(adj):
    deg = np.array(np.sum(adj, axis=1)).squeeze()
    with np.errstate(divide="ignore"):
        deg_inv = 1 / deg
    deg_inv[deg_inv == float("inf")] = 0
    return spdiags(deg_inv, 0, len(deg_inv), len(deg_inv)) * adj


def aggregate_neighbors(adj, X, n_layers):
    adj = adj.astype(bool)
    adj = _setdiag(adj, 0)
    adj_hop = adj.copy()
    adj_visited = _setdiag(adj.copy(), 1)
    Xs = []
    for i in range(0, n_layers + 1):
        if i == 0:
            Xs.append(X)
        else:
            if i > 1:
                adj_hop = adj_hop @ adj
                adj_hop = adj_hop > adj_visited
                adj_visited = adj_visited + adj_hop
            Xs.append(_normalize(adj_hop) @ X)
    return np.hstack(Xs)


# --- squidpy's nhood_enrichment -----------------------------------------------------------------------------------
def nhood_enrichment(adj, labels, n_perms, seed):
    cats = np.unique(labels)
    k = len(cats)
    clust = np.searchsorted(cats, labels).astype(np.int64)
    rows = np.repeat(np.arange(adj.shape[0]), np.diff(adj.indptr))
    cols = adj.indices

    def count(lab):
        return np.bincount(lab[rows] * k + lab[cols], minlength=k * k).reshape(k, k)

    obs = count(clust)
    rs = np.random.RandomState(seed)
    perms = np.empty((n_perms, k, k), dtype=np.float64)
    lab = clust.copy()
    for p in range(n_perms):
        rs.shuffle(lab)
        perms[p] = count(lab)
    std = perms.std(axis=0)
    std[std == 0] = np.nan
    z = (obs - perms.mean(axis=0)) / std
    return obs, z, perms.mean(axis=0), perms.std(axis=0)


# --- squidpy's co_occurrence --------------------------------------------------------------------------------------
def co_occurrence(x, y, labels, interval, chunk=20000):
    cats = np.unique(labels)
    k = len(cats)
    lab = np.searchsorted(cats, labels).astype(np.int64)
    nb = len(interval) - 1
    t2 = interval[1:] ** 2
    tmax = interval[-1]
    xy = np.stack([x, y], axis=1)
    tree = cKDTree(xy)
    hist = np.zeros(k * k * nb, dtype=np.int64)
    n = len(x)
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        sub = cKDTree(xy[lo:hi])
        m = sub.sparse_distance_matrix(tree, tmax * (1 + 1e-9) + 1e-12, output_type="ndarray")
        i = m["i"].astype(np.int64) + lo
        j = m["j"].astype(np.int64)
        keep = i != j
        i, j = i[keep], j[keep]
        dx = x[i] - x[j]
        dy = y[i] - y[j]
        d2 = dx * dx + dy * dy
        ok = d2 <= t2[-1]
        i, j, d2 = i[ok], j[ok], d2[ok]
        r = np.searchsorted(t2, d2, side="left")
        hist += np.bincount((lab[i] * k + lab[j]) * nb + r, minlength=k * k * nb)
    counts = np.cumsum(hist.reshape(k, k, nb), axis=2)
    occ_prob = np.zeros((k, k, nb), dtype=np.float64)
    row_sums = counts.sum(axis=0)
    totals = row_sums.sum(axis=0)
    for r in range(nb):
        probs = row_sums[:, r] / totals[r]
        for c in range(k):
            for i in range(k):
                if probs[i] != 0.0 and row_sums[c, r] != 0.0:
                    occ_prob[i, c, r] = (counts[c, i, r] / row_sums[c, r]) / probs[i]
    return occ_prob, counts


def one(alg, d, perms, hops, seed):
    s = load(d)
    adj = adjacency(s) if alg != "cooccurrence" else None
    base = rss_mib()
    t0 = time.perf_counter()
    if alg == "niche":
        out = aggregate_neighbors(adj, s["features"], hops)
        secs = time.perf_counter() - t0
        np.save(os.path.join(d, "ref_niche.npy"), out)
    elif alg == "enrichment":
        obs, z, mean, std = nhood_enrichment(adj, s["labels"], perms, seed)
        secs = time.perf_counter() - t0
        np.savez(os.path.join(d, "ref_enrichment.npz"), counts=obs, z=z, mean=mean, std=std)
    else:
        interval = np.fromfile(os.path.join(d, "interval.f64"), dtype="<f8")
        occ, counts = co_occurrence(s["x"], s["y"], s["labels"], interval)
        secs = time.perf_counter() - t0
        np.savez(os.path.join(d, "ref_cooccurrence.npz"), occ=occ, counts=counts)
    print(json.dumps({"seconds": secs, "rssPeakExtraMiB": max(0.0, rss_mib() - base), "rssPeakMiB": rss_mib()}))


def compare(d):
    s = load(d)
    n, dim, k = s["n"], s["dim"], s["meta"]["clusters"]
    out = {}
    jn = np.fromfile(os.path.join(d, "niche.f32"), dtype="<f4").reshape(n, -1).astype(np.float64)
    rn = np.load(os.path.join(d, "ref_niche.npy"))
    diff = np.abs(jn - rn)
    out["niche"] = {"shape": list(rn.shape), "maxAbsDiff": float(diff.max()),
                    "maxRelDiff": float((diff / np.maximum(1.0, np.abs(rn))).max()),
                    "maxAbsValue": float(np.abs(rn).max())}
    re = np.load(os.path.join(d, "ref_enrichment.npz"))
    g = lambda name: np.fromfile(os.path.join(d, name), dtype="<f8").reshape(k, k)
    jz, jm, jc, je = g("enrich_z.f64"), g("enrich_mean.f64"), g("enrich_counts.f64"), g("enrich_expected.f64")
    fin = np.isfinite(jz) & np.isfinite(re["z"])
    rel = lambda a, b: float((np.abs(a - b) / np.maximum(1.0, np.abs(b))).max())
    # the permutation-free z-score: the same observed count and the same analytic mean, each side's own std
    out["enrichment"] = {"countsEqual": bool(np.array_equal(jc, re["counts"])),
                         "zCorrelation": float(np.corrcoef(jz[fin], re["z"][fin])[0, 1]),
                         "zMaxAbsDiff": float(np.abs(jz[fin] - re["z"][fin]).max()),
                         "zRange": [float(np.nanmin(re["z"])), float(np.nanmax(re["z"]))],
                         "stdMaxRelDiff": rel(g("enrich_std.f64"), re["std"]),
                         "javaMeanVsAnalyticMaxRelDiff": rel(jm, je), "pythonMeanVsAnalyticMaxRelDiff": rel(re["mean"], je),
                         "nanPairs": int((~fin).sum())}
    rc = np.load(os.path.join(d, "ref_cooccurrence.npz"))
    jo = np.fromfile(os.path.join(d, "cooc_occ.f64"), dtype="<f8").reshape(rc["occ"].shape)
    out["cooccurrence"] = {"shape": list(rc["occ"].shape), "maxAbsDiff": float(np.abs(jo - rc["occ"]).max()),
                           "maxValue": float(rc["occ"].max()), "pairsWithinMax": int(rc["counts"][:, :, -1].sum())}
    return out


def run(a):
    work = a.work or f"/tmp/sigmma-spatial-{a.section}-{a.cells if a.section == 'simulated' else 'sample'}"
    os.makedirs(work, exist_ok=True)
    java = json.loads(a.java) + ["org.sigmma.model.bench.SpatialBenchMain", "--section", a.section, "--cells",
                                 str(a.cells), "--out", work, "--threads", str(a.threads), "--perms", str(a.perms),
                                 "--hops", str(a.hops), "--interval", a.interval, "--seed", str(a.seed)]
    started = time.strftime("%Y%m%d-%H%M%S")
    load_before = os.getloadavg()[0]
    print("java:", " ".join(java[-18:]), flush=True)
    subprocess.run(java, check=True, cwd=ROOT)
    py = {}
    for alg in ("niche", "enrichment", "cooccurrence"):
        r = subprocess.run([sys.executable, os.path.abspath(__file__), "one", alg, work, "--perms", str(a.perms),
                            "--hops", str(a.hops), "--seed", str(a.seed)], check=True, capture_output=True, text=True)
        py[alg] = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"python {alg}: {py[alg]['seconds']:.3f} s, rss peak +{py[alg]['rssPeakExtraMiB']:.0f} MiB", flush=True)
    meta = json.load(open(os.path.join(work, "java.json")))
    agreement = compare(work)
    ratios = {alg: meta["java"][alg]["seconds"] / py[alg]["seconds"] for alg in py}
    res = {"bench": "spatial", "started": started, "host": {"cpus": os.cpu_count(), "loadavgBefore": load_before,
                                                           "loadavgAfter": os.getloadavg()[0],
                                                           "python": platform.python_version(),
                                                           "numpy": np.__version__, "scipy": scipy.__version__},
           "section": meta, "python": py, "agreement": agreement, "ratioJavaOverPython": ratios}
    name = f"spatial-{a.section}-{meta['cells']}-t{a.threads}-{started}.json"
    path = os.path.join(ROOT, "bench", "results", name)
    with open(path, "w") as f:
        json.dump(res, f, indent=2)
    print(json.dumps({"agreement": agreement, "ratioJavaOverPython": ratios}, indent=2))
    print("wrote", path)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--java", required=True)
    r.add_argument("--section", default="simulated", choices=["mouse", "simulated"])
    r.add_argument("--cells", type=int, default=100000)
    r.add_argument("--threads", type=int, default=1)
    r.add_argument("--perms", type=int, default=1000)
    r.add_argument("--hops", type=int, default=3)
    r.add_argument("--interval", default="0,100,11")
    r.add_argument("--seed", type=int, default=42)
    r.add_argument("--work")
    o = sub.add_parser("one")
    o.add_argument("alg", choices=["niche", "enrichment", "cooccurrence"])
    o.add_argument("dir")
    o.add_argument("--perms", type=int, default=1000)
    o.add_argument("--hops", type=int, default=3)
    o.add_argument("--seed", type=int, default=42)
    c = sub.add_parser("compare")
    c.add_argument("dir")
    a = p.parse_args()
    if a.cmd == "run":
        run(a)
    elif a.cmd == "one":
        one(a.alg, a.dir, a.perms, a.hops, a.seed)
    else:
        print(json.dumps(compare(a.dir), indent=2))


if __name__ == "__main__":
    main()
