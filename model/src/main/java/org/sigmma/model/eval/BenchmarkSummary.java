package org.sigmma.model.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's tables in the layout of the paper's Tables 1, 2 and 4, from one evaluation report per model and
 * seed: every figure is the mean ± std over seeds of that seed's test-set value.
 */
public final class BenchmarkSummary {

    /**
     * A benchmarked model.
     *
     * @param key            short name (run ids, files)
     * @param label          the row's name in the tables
     * @param graph          Table 4: cell graph
     * @param multiScale     Table 4: multi-scale loss
     * @param sparsification Table 4: graph sparsification (stochastic edge addition)
     * @param ablation       whether the model is a row of Table 4
     */
    public record Model(String key, String label, boolean graph, boolean multiScale, boolean sparsification,
                        boolean ablation) {
    }

    private BenchmarkSummary() {
    }

    /** The tables as Markdown. */
    public static String markdown(List<Model> models, Map<String, List<Evaluation.Report>> reports) {
        List<Evaluation.Report> reference = reports.get(models.get(models.size() - 1).key());
        StringBuilder b = new StringBuilder();
        b.append("### Table 1 analogue: gene-expression prediction (test tiles; HE embedding -> PCA -> ridge)\n\n");
        b.append("| model | MSE (3 scales) | PCC per tile (3 scales) | PCC per gene (3 scales) | MSE (macro) "
                + "| PCC per tile (macro) | PCC per gene (macro) |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Model m : models) {
            List<Evaluation.Report> rs = reports.get(m.key());
            b.append("| ").append(m.label());
            for (String input : new String[] {"he-concat", "he-macro"}) {
                b.append(" | ").append(agg(rs, r -> r.row(input).mse().mean()));
                b.append(" | ").append(agg(rs, r -> r.row(input).pcc().mean()));
                b.append(" | ").append(agg(rs, r -> r.row(input).perGenePcc().mean()));
            }
            b.append(" |\n");
        }
        for (String sanity : new String[] {"training-mean", "composition"}) {
            if (reference.get(0).row(sanity) == null) {
                continue;
            }
            b.append("| *sanity: ").append(sanityLabel(sanity)).append("*");
            String mse = agg(reference, r -> r.row(sanity).mse().mean());
            String pcc = agg(reference, r -> r.row(sanity).pcc().mean());
            String gene = agg(reference, r -> r.row(sanity).perGenePcc().n() == 0 ? Double.NaN
                    : r.row(sanity).perGenePcc().mean());
            b.append(" | ").append(mse).append(" | ").append(pcc).append(" | ").append(gene)
                    .append(" | ").append(mse).append(" | ").append(pcc).append(" | ").append(gene).append(" |\n");
        }
        for (String candidates : new String[] {"all", "same-domain"}) {
            if (reference.get(0).recall("macro", "he2st", candidates) == null) {
                continue;
            }
            b.append("\n### Table 2 analogue: cross-modal retrieval, ")
                    .append(candidates.equals("all") ? "all test tiles as candidates"
                            : "candidates restricted to the query's own domain (simulator truth)")
                    .append("\n\n");
            b.append("Scales combined where the model aligns several (cosine averaged over scales), else macro.\n\n");
            b.append("| model | HE->ST R@5% | R@10% | R@15% | ST->HE R@5% | R@10% | R@15% |\n"
                    + "| --- | --- | --- | --- | --- | --- | --- |\n");
            for (Model m : models) {
                recallLine(b, m.label(), reports.get(m.key()), null, candidates);
            }
            recallLine(b, "*sanity: " + sanityLabel("training-mean") + "*", reference, "training-mean", candidates);
            if (reference.get(0).recall("composition", "he2st", candidates) != null) {
                recallLine(b, "*sanity: " + sanityLabel("composition") + "*", reference, "composition", candidates);
            }
            b.append("| *chance*");
            for (int d = 0; d < 2; d++) {
                for (int f = 0; f < 3; f++) {
                    final int ff = f;
                    b.append(" | ").append(agg(reference, r -> r.recall("macro", "he2st", candidates).chance()[ff]));
                }
            }
            b.append(" |\n");
        }
        b.append("\n### Table 4 analogue: ablations of SIGMMA (Task 1 from the 3 scales; Task 2 HE->ST R@10%)\n\n");
        b.append("| cell graph | multi-scale loss | graph sparsification | MSE | PCC per tile | PCC per gene "
                + "| R@10% all | R@10% same domain |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Model m : models) {
            if (!m.ablation()) {
                continue;
            }
            List<Evaluation.Report> rs = reports.get(m.key());
            b.append("| ").append(tick(m.graph())).append(" | ").append(tick(m.multiScale())).append(" | ")
                    .append(tick(m.sparsification())).append(" | ")
                    .append(agg(rs, r -> r.row("he-concat").mse().mean())).append(" | ")
                    .append(agg(rs, r -> r.row("he-concat").pcc().mean())).append(" | ")
                    .append(agg(rs, r -> r.row("he-concat").perGenePcc().mean())).append(" | ")
                    .append(agg(rs, r -> main(r, "all").recall()[1])).append(" | ")
                    .append(agg(rs, r -> main(r, "same-domain") == null ? Double.NaN
                            : main(r, "same-domain").recall()[1])).append(" |\n");
        }
        return b.toString();
    }

    /** A figure compared seed by seed: its name in the tables and how to read it off a report. */
    public record PairedMetric(String key, String label, ToDoubleFunction<Evaluation.Report> value) {
    }

    /** The figures the paired comparison reports (retrieval scales combined where a model aligns several). */
    public static final List<PairedMetric> PAIRED = List.of(
            new PairedMetric("he2st.all.at5", "HE->ST R@5% all", r -> main(r, "all").recall()[0]),
            new PairedMetric("he2st.all.at10", "HE->ST R@10% all", r -> main(r, "all").recall()[1]),
            new PairedMetric("he2st.sameDomain.at5", "HE->ST R@5% same domain",
                    r -> main(r, "same-domain") == null ? Double.NaN : main(r, "same-domain").recall()[0]),
            new PairedMetric("pccPerGene", "PCC per gene (3 scales)", r -> r.row("he-concat").perGenePcc().mean()));

    /**
     * SIGMMA (the last model) against every other trained model, paired by seed: per metric, mean difference ±
     * standard error, and the seeds SIGMMA wins.
     */
    public static String pairedMarkdown(List<Model> models, Map<String, List<Evaluation.Report>> reports) {
        Model reference = models.get(models.size() - 1);
        StringBuilder b = new StringBuilder("\n### SIGMMA against each model, paired by seed (SIGMMA minus the model: "
                + "mean ± standard error, seeds SIGMMA wins)\n\n| model");
        PAIRED.forEach(p -> b.append(" | ").append(p.label()));
        b.append(" |\n| ---").append(" | ---".repeat(PAIRED.size())).append(" |\n");
        for (Map.Entry<String, Map<String, PairedDifferences>> e : paired(models, reports).entrySet()) {
            b.append("| ").append(models.stream().filter(m -> m.key().equals(e.getKey())).findFirst()
                    .orElseThrow().label());
            for (PairedMetric p : PAIRED) {
                PairedDifferences d = e.getValue().get(p.key());
                b.append(" | ").append(d == null ? "n/a" : d.summary());
            }
            b.append(" |\n");
        }
        b.append("\nPer seed (").append(reference.label()).append(" minus the model), ").append(PAIRED.get(0).label())
                .append(": ");
        List<String> per = new ArrayList<>();
        paired(models, reports).forEach((k, v) -> per.add(k + " " + fmt(v.get(PAIRED.get(0).key()).differences())));
        b.append(String.join("; ", per)).append("\n");
        return b.toString();
    }

    /** Per model other than SIGMMA and the untrained encoder, per paired metric, the paired differences. */
    public static Map<String, Map<String, PairedDifferences>> paired(List<Model> models,
                                                                      Map<String, List<Evaluation.Report>> reports) {
        Model reference = models.get(models.size() - 1);
        List<Evaluation.Report> ref = reports.get(reference.key());
        Map<String, Map<String, PairedDifferences>> out = new LinkedHashMap<>();
        for (Model m : models) {
            if (m == reference || m.key().equals("untrained")) {
                continue;
            }
            List<Evaluation.Report> other = reports.get(m.key());
            Map<String, PairedDifferences> metrics = new LinkedHashMap<>();
            for (PairedMetric p : PAIRED) {
                double[] a = ref.stream().mapToDouble(p.value()).toArray();
                double[] o = other.stream().mapToDouble(p.value()).toArray();
                if (java.util.Arrays.stream(a).allMatch(Double::isFinite) && java.util.Arrays.stream(o)
                        .allMatch(Double::isFinite)) {
                    metrics.put(p.key(), PairedDifferences.of(a, o));
                }
            }
            out.put(m.key(), metrics);
        }
        return out;
    }

    /** The paired differences as a JSON-ready tree. */
    public static Map<String, Object> pairedTree(List<Model> models, Map<String, List<Evaluation.Report>> reports) {
        Map<String, Object> out = new LinkedHashMap<>();
        paired(models, reports).forEach((model, metrics) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            metrics.forEach((k, d) -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("differences", java.util.Arrays.stream(d.differences()).boxed().toList());
                o.put("mean", d.mean());
                o.put("standardError", Double.isFinite(d.standardError()) ? d.standardError() : null);
                o.put("wins", d.wins());
                o.put("seeds", d.seeds());
                m.put(k, o);
            });
            out.put(model, m);
        });
        return out;
    }

    /**
     * The learned edges of the models that have them, on the test tiles: keep share, planted-pair enrichment (95%
     * tile-bootstrap interval) per scale, and the cost of switching them off; one row per model and seed.
     */
    public static String learnedEdgesMarkdown(List<Model> models, Map<String, List<LearnedEdgeReport>> edges,
                                              List<Long> seeds) {
        StringBuilder b = new StringBuilder("\n### Learned edges on the test tiles (planted pairs: docs/method.md)\n\n"
                + "| model | seed | meso keep | meso enrichment (95% CI) | macro keep | macro enrichment (95% CI) "
                + "| R@10% HE->ST on / off | cost of switching off |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Model m : models) {
            List<LearnedEdgeReport> rs = edges.get(m.key());
            if (rs == null) {
                continue;
            }
            for (int i = 0; i < rs.size(); i++) {
                LearnedEdgeReport r = rs.get(i);
                b.append("| ").append(m.label()).append(" | ").append(seeds.get(i));
                for (EdgeEnrichment.Result e : new EdgeEnrichment.Result[] {r.meso(), r.macro()}) {
                    b.append(String.format(Locale.ROOT, " | %.3f | %.2f (%.2f-%.2f)", e.keepShare(), e.enrichment(),
                            e.low(), e.high()));
                }
                b.append(String.format(Locale.ROOT, " | %.3f / %.3f | %+.3f |%n", r.recallOn()[1], r.recallOff()[1],
                        r.offCost10()));
            }
        }
        return b.toString();
    }

    private static String fmt(double[] v) {
        List<String> s = new ArrayList<>();
        for (double x : v) {
            s.add(String.format(Locale.ROOT, "%+.3f", x));
        }
        return "[" + String.join(", ", s) + "]";
    }

    /** The same figures as a JSON-ready tree: per model, per metric, the values of every seed and their mean/std. */
    public static Map<String, Object> tree(List<Model> models, Map<String, List<Evaluation.Report>> reports) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Model m : models) {
            List<Evaluation.Report> rs = reports.get(m.key());
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (String input : new String[] {"he-concat", "he-macro", "training-mean", "composition"}) {
                if (rs.get(0).row(input) == null) {
                    continue;
                }
                metrics.put(input + ".mse", seeds(rs, r -> r.row(input).mse().mean()));
                metrics.put(input + ".pccPerTile", seeds(rs, r -> r.row(input).pcc().mean()));
                metrics.put(input + ".pccPerGene", seeds(rs, r -> r.row(input).perGenePcc().mean()));
            }
            for (Evaluation.RecallRow row : rs.get(0).retrieval()) {
                for (int f = 0; f < 3; f++) {
                    final int ff = f;
                    String key = "recall." + row.scale() + "." + row.direction() + "." + row.candidates() + ".at"
                            + Math.round(Evaluation.FRACTIONS[f] * 100);
                    metrics.put(key, seeds(rs, r -> r.recall(row.scale(), row.direction(), row.candidates()).recall()[ff]));
                }
            }
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("label", m.label());
            model.put("metrics", metrics);
            out.put(m.key(), model);
        }
        return out;
    }

    private static Map<String, Object> seeds(List<Evaluation.Report> rs, ToDoubleFunction<Evaluation.Report> f) {
        double[] v = rs.stream().mapToDouble(f).toArray();
        Stats.MeanStd m = Stats.MeanStd.of(v);
        Map<String, Object> o = new LinkedHashMap<>();
        List<Object> values = new ArrayList<>();
        for (double x : v) {
            values.add(Double.isFinite(x) ? x : null);
        }
        o.put("seeds", values);
        o.put("mean", Double.isFinite(m.mean()) ? m.mean() : null);
        o.put("std", Double.isFinite(m.std()) ? m.std() : null);
        return o;
    }

    private static Evaluation.RecallRow main(Evaluation.Report r, String candidates) {
        Evaluation.RecallRow c = r.recall("combined", "he2st", candidates);
        return c != null ? c : r.recall("macro", "he2st", candidates);
    }

    private static void recallLine(StringBuilder b, String label, List<Evaluation.Report> rs, String scale,
                                   String candidates) {
        b.append("| ").append(label);
        for (String direction : new String[] {"he2st", "st2he"}) {
            for (int f = 0; f < 3; f++) {
                final int ff = f;
                b.append(" | ").append(agg(rs, r -> {
                    Evaluation.RecallRow row = scale != null ? r.recall(scale, direction, candidates)
                            : r.recall("combined", direction, candidates) != null
                            ? r.recall("combined", direction, candidates) : r.recall("macro", direction, candidates);
                    return row.recall()[ff];
                }));
            }
        }
        b.append(" |\n");
    }

    private static String sanityLabel(String input) {
        return input.equals("training-mean") ? "training mean for every tile" : "ridge on the true cell-type composition";
    }

    private static String tick(boolean b) {
        return b ? "✓" : "-";
    }

    /** mean ± std over seeds; "n/a" when undefined in every seed. */
    static String agg(List<Evaluation.Report> rs, ToDoubleFunction<Evaluation.Report> f) {
        Stats.MeanStd m = Stats.MeanStd.of(rs.stream().mapToDouble(f).toArray());
        return m.n() == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f ± %.3f", m.mean(), m.std());
    }
}
