"""Summarise benchmark variants on VALIDATION tiles only (where settings are chosen): for each
OUT/benchmark-VARIANT.json, per seed and mean, validation HE->ST R@5%/R@10% (scales combined), the cost of switching
the added edges off, keep shares and planted-pair enrichment per scale.

usage: python3 bench/python/sweep_summary.py OUT [OUT2 ...]"""
import glob
import json
import sys

keys = [("test_recall5_he2st_on", "R@5"), ("test_recall10_he2st_on", "R@10"),
        ("test_recall10_he2st_added_edges_effect", "off cost"),
        ("edge_meso_keep", "meso keep"), ("edge_meso_enrichment", "meso enr"),
        ("edge_macro_keep", "macro keep"), ("edge_macro_enrichment", "macro enr")]
print("validation tiles (the report's test_* keys are computed on the validation split here)")
print("%-22s %-6s " % ("variant", "seed") + " ".join("%10s" % k[1] for k in keys))
for out in sys.argv[1:]:
    for f in sorted(glob.glob(out + "/benchmark-*.json") + glob.glob(out + "/sweep-*.json")):
        d = json.load(open(f))
        variant = d.get("variant") or f
        for model, rows in d.get("learnedEdgesValidation", {}).items():
            means = [0.0] * len(keys)
            for seed, r in zip(d["seeds"], rows):
                vals = [r.get(k[0]) for k in keys]
                print("%-22s %-6s " % (variant + ":" + model, seed)
                      + " ".join("%10s" % ("-" if v is None else "%.3f" % v) for v in vals))
                means = [m + (v or 0) / len(rows) for m, v in zip(means, vals)]
            print("%-22s %-6s " % (variant + ":" + model, "mean") + " ".join("%10.3f" % v for v in means))
