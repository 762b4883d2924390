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
