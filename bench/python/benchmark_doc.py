"""Fills docs/benchmark.md's generated sections from the committed results (docs/results/): the 100k-cell
comparison's tables and the dose-response table. Run from the repository root after copying new results in:
    python3 bench/python/benchmark_doc.py"""
import glob
import json
import os
import re

DOC = "docs/benchmark.md"


def section(md_file, start):
    text = open(md_file).read()
    i = text.find(start)
    if i < 0:
        return ""
    j = text.find("\nTimings:", i)
    return text[i:j if j > 0 else None].strip() + "\n"


def dose_rows():
    rows = ["| arrangementStrength | mesoStrength | seeds | SIGMMA minus no-graph, HE->ST R@5% | minus no-sparsification "
            "| minus no-graph, R@5% same domain | meso enrichment (per seed) |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    runs = [json.load(open(f)) for f in glob.glob("docs/results/dose-response/*.json")]
    for d in sorted(runs, key=lambda d: (-d["mesoStrength"], d["arrangementStrength"])):
        p = d.get("paired", {})

        def cell(model, metric):
            v = p.get(model, {}).get(metric)
            if not v:
                return "n/a"
            se = v["standardError"]
            return "%+.3f ± %s (%d/%d)" % (v["mean"], "n/a" if se is None else "%.3f" % se, v["wins"], v["seeds"])
        enr = [r.get("edge_meso_enrichment") for r in d.get("learnedEdges", {}).get("sigmma", [])]
        rows.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            d["arrangementStrength"], d["mesoStrength"], ",".join(map(str, d["seeds"])),
            cell("noGraph", "he2st.all.at5"), cell("noSparsification", "he2st.all.at5"),
            cell("noGraph", "he2st.sameDomain.at5"), ", ".join("%.2f" % e for e in enr if e is not None)))
    return "\n".join(rows) + "\n"


doc = open(DOC).read()
full = "docs/results/benchmark-100k.md"
header = open(full).readline().strip()
generated = {
    "FULL": header + "\n\n" + section(full, "### Table 2 analogue: cross-modal retrieval, all test tiles")
    .split("### Table 2 analogue: cross-modal retrieval, candidates restricted")[0].split("### Table 4")[0]
    .split("### SIGMMA against")[0]
    + section(full, "### SIGMMA against each model, paired by seed"),
    "DOSE": dose_rows(),
}
for name, body in generated.items():
    doc = re.sub(r"(<!-- generated:%s -->\n).*?(<!-- /generated:%s -->)" % (name, name),
                 lambda m: m.group(1) + body + m.group(2), doc, flags=re.S)
open(DOC, "w").write(doc)
print("updated", DOC)
