"""Runs each platform / reference pair of the benchmark suite on the same input in one run.

Called by bench/run.sh, which builds the platform and passes the java command line. The platform runs in
a Java process kept open for the whole run (one command per line on its stdin), so that the two sides
interleave (platform, reference, platform, reference, ...) without paying JVM start and JIT warm-up each
time; the reported time of each side is the median of its rounds, and the ratio is platform / reference.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def loadavg():
    return os.getloadavg()[0]


class JavaSide:
    """A platform process that answers one line per command."""

    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        first = self.read_until("ready")
        print(f"  java: {first}", flush=True)

    def read_until(self, prefix):
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError(f"the java process ended (exit {self.p.wait()}) while waiting for '{prefix}'")
            line = line.strip()
            if line.startswith(prefix):
                return line
            if line.startswith("error"):
                raise RuntimeError("java: " + line)
            print(f"  java| {line}", flush=True)

    def ask(self, command, prefix="result"):
        self.p.stdin.write(command + "\n")
        self.p.stdin.flush()
        return self.read_until(prefix)

    def close(self):
        try:
            self.p.stdin.write("quit\n")
            self.p.stdin.flush()
        except BrokenPipeError:
            pass
        self.p.wait(timeout=60)


def neighbours(args, java_cmd):
    import numpy as np
    import scipy
    import neighbours_ref as ref

    rows = []
    os.makedirs(args.work, exist_ok=True)
    java = JavaSide(java_cmd + ["org.sigmma.ingest.neighbours.NeighbourBenchMain", str(args.threads)])
    try:
        for n in args.sizes:
            path = os.path.join(args.work, f"points_{n}.f64")
            if not os.path.exists(path):
                ref.write_points(path, n, seed=n)
            pts = ref.read_points(path)
            java.ask(f"load {path}", "ok")
            rounds = args.rounds if n <= 200_000 else max(1, args.rounds - 2)
            for task in ("delaunay", "knn"):
                jw, pw, jc, pc, loads = [], [], [], [], []
                jcheck = pcheck = explained = None
                for r in range(rounds + 1):  # round 0 warms both sides up and is not counted
                    loads.append(loadavg())
                    line = java.ask("delaunay" if task == "delaunay" else f"knn {args.k}").split()
                    jt, jcpu, jcheck = float(line[1]), float(line[2]), (int(line[3]), line[4])
                    if task == "delaunay":
                        pt, pcpu, simp = ref.delaunay(pts)
                        if r == 0:
                            pcheck = ref.edge_set(n, *ref.delaunay_edges(simp))
                    else:
                        pt, pcpu, idx = ref.knn(pts, args.k, args.threads)
                        if r == 0:
                            pcheck = ref.edge_set(n, *ref.knn_edges(idx))
                    if r == 0:
                        same = jcheck == pcheck
                        print(f"  {task} n={n}: platform edges {jcheck[0]} checksum {jcheck[1]}; scipy edges "
                              f"{pcheck[0]} checksum {pcheck[1]}: {'SAME' if same else 'DIFFERENT'}", flush=True)
                        if not same and task == "delaunay":
                            # a triangulation is unique only up to cocircular points, and qhull rounds
                            edges = os.path.join(args.work, f"platform_edges_{n}.i32")
                            java.ask(f"edges {edges}", "ok")
                            explained = ref.explain_delaunay_difference(pts, simp, *ref.read_edges(edges))
                            print(f"  {task} n={n}: exact check of the difference: {explained}", flush=True)
                        continue
                    jw.append(jt), pw.append(pt), jc.append(jcpu), pc.append(pcpu)
                    print(f"  {task} n={n} round {r}: platform {jt:.3f} s, scipy {pt:.3f} s", flush=True)
                row = {
                    "task": "delaunay" if task == "delaunay" else f"knn k={args.k}",
                    "size": n,
                    "platform_s": statistics.median(jw),
                    "reference_s": statistics.median(pw),
                    "platform_cpu_s": statistics.median(jc),
                    "reference_cpu_s": statistics.median(pc),
                    "rounds": rounds,
                    "threads": args.threads,
                    "load": statistics.median(loads),
                    "edges_platform": jcheck[0],
                    "edges_reference": pcheck[0],
                    "same_edges": jcheck == pcheck,
                    "explained": explained,
                    "reference": ("scipy.spatial.Delaunay" if task == "delaunay"
                                  else f"scipy.spatial.cKDTree + query(k={args.k + 1})") + f" (scipy {scipy.__version__})",
                }
                row["ratio"] = row["platform_s"] / row["reference_s"]
                rows.append(row)
    finally:
        java.close()
    return rows


def step(args, java_cmd):
    import sigmma_step
    return sigmma_step.run(args, java_cmd, JavaSide)


def edge_check(r):
    if r.get("same_edges"):
        return "same edges"
    e = r.get("explained")
    if e and e["verdict"] == "EQUIVALENT":
        return (f"equivalent: {e['only_reference']} of {r['edges_reference']} edges differ, each a qhull rounding "
                f"flip ({e['qhull_not_delaunay']}) or a cocircular tie ({e['cocircular']}), checked exactly")
    return "EDGES DIFFER"


def graphs_differ(r):
    """A graph pair that fails the run: different edges that the exact check does not explain."""
    e = r.get("explained")
    return r.get("same_edges") is False and not (e and e["verdict"] == "EQUIVALENT")


def print_table(rows):
    print()
    print("| task | size | platform (s) | reference (s) | ratio | threads | load avg | check |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        check = r.get("check") or edge_check(r)
        print(f"| {r['task']} | {r['size']} | {r['platform_s']:.4g} | {r['reference_s']:.4g} | {r['ratio']:.3f} | "
              f"{r['threads']} | {r['load']:.2f} | {check} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["neighbours", "step", "parity", "all"])
    ap.add_argument("--java", required=True, help="java command line up to the main class (JSON list)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--k", type=int, default=6)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--steps", type=int, default=3, help="training steps per round and side")
    ap.add_argument("--step-config", default="{}", help="JSON overrides of TrainingConfig for the step")
    ap.add_argument("--work", default="bench/work")
    ap.add_argument("--out", default="bench/results")
    args = ap.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    java_cmd = json.loads(args.java)

    import torch
    torch.set_num_threads(args.threads)
    print(f"python {platform.python_version()}, torch {torch.__version__} ({torch.get_num_threads()} threads)")
    print("start:", uptime(), flush=True)
    rows = []
    failed = False
    if args.what in ("neighbours", "all"):
        rows += neighbours(args, java_cmd)
    if args.what in ("step", "parity", "all"):
        r = step(args, java_cmd)
        rows += r["rows"]
        failed |= not r.get("parity_ok", True)
    print("end:", uptime())
    print_table(rows)
    os.makedirs(args.out, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(args.out, f"{args.what}-{stamp}.json"), "w") as f:
        json.dump({"uptime_end": uptime(), "rows": rows}, f, indent=1)
    failed |= any(graphs_differ(r) for r in rows)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
