package org.sigmma.model.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run's learned edges do on its test tiles: per scale, how many candidates the scorer keeps and how much the
 * kept ones prefer the simulator's planted pairs ({@link EdgeEnrichment}, null without a truth), and what switching
 * the added edges off at evaluation costs cross-modal retrieval (HE->ST, scales combined as in Task 2).
 *
 * @param meso          enrichment at the meso step (null without truth or without a scorer)
 * @param macro         enrichment at the macro step
 * @param recallOn      HE->ST Recall@5% and @10%, edges as learned
 * @param recallOff     the same with the added edges switched off (micro graph only)
 */
public record LearnedEdgeReport(EdgeEnrichment.Result meso, EdgeEnrichment.Result macro, double[] recallOn,
                                double[] recallOff) {

    /** Recall@10% lost when the added edges are switched off (positive: the edges help). */
    public double offCost10() {
        return recallOn[1] - recallOff[1];
    }

    public double offCost5() {
        return recallOn[0] - recallOff[0];
    }

    /** Flat keys for the (:Run) node, JSON and the benchmark. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_recall5_he2st_on", recallOn[0]);
        m.put("test_recall10_he2st_on", recallOn[1]);
        m.put("test_recall5_he2st_added_edges_off", recallOff[0]);
        m.put("test_recall10_he2st_added_edges_off", recallOff[1]);
        m.put("test_recall10_he2st_added_edges_effect", offCost10());
        put(m, "meso", meso);
        put(m, "macro", macro);
        return m;
    }

    private static void put(Map<String, Object> m, String scale, EdgeEnrichment.Result r) {
        if (r == null) {
            return;
        }
        m.put("edge_" + scale + "_candidates", r.candidates());
        m.put("edge_" + scale + "_keep", r.keepShare());
        m.put("edge_" + scale + "_planted_share", r.plantedShare());
        m.put("edge_" + scale + "_planted_kept", r.plantedKept());
        m.put("edge_" + scale + "_enrichment", r.enrichment());
        m.put("edge_" + scale + "_enrichment_low", r.low());
        m.put("edge_" + scale + "_enrichment_high", r.high());
    }

    /** {@link #toMap()} as a JSON object, undefined values (NaN) as null. */
    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        toMap().forEach((k, v) -> m.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
        try {
            return ReportFiles.MAPPER.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Readable lines, one per scale and one for the switch. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Object[] s : new Object[][] {{"meso", meso}, {"macro", macro}}) {
            EdgeEnrichment.Result r = (EdgeEnrichment.Result) s[1];
            if (r == null) {
                continue;
            }
            out.add(String.format(Locale.ROOT, "learned edges, %-5s: %,d of %,d candidates kept (%.1f%%); planted pairs "
                            + "%.1f%% of candidates, %.1f%% of kept: enrichment %.2f (95%% CI %.2f-%.2f, %d test tiles)",
                    s[0], r.kept(), r.candidates(), 100 * r.keepShare(), 100 * r.plantedShare(),
                    r.kept() == 0 ? Double.NaN : 100.0 * r.plantedKept() / r.kept(), r.enrichment(), r.low(), r.high(),
                    r.tiles()));
        }
        out.add(String.format(Locale.ROOT, "added edges switched off at evaluation: test HE->ST R@5%% %.3f -> %.3f, "
                + "R@10%% %.3f -> %.3f (cost %+.3f)", recallOn[0], recallOff[0], recallOn[1], recallOff[1], offCost10()));
        return out;
    }
}
