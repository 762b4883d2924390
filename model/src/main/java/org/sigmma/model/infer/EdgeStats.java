package org.sigmma.model.infer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running statistics of the edge scores {@code s_uv} over valid candidates at one step: their mean
 * and spread, and the share kept at evaluation ({@code s_uv > 0.5}). A collapsed scorer shows a
 * spread near 0 and a keep share near 0 or 1.
 */
public final class EdgeStats {

    private long count;
    private double sum;
    private double sumSq;
    private long kept;

    /** Adds one candidate's logit. */
    public void add(float logit) {
        double s = 1 / (1 + Math.exp(-logit));
        count++;
        sum += s;
        sumSq += s * s;
        if (logit > 0) {
            kept++;
        }
    }

    public long count() {
        return count;
    }

    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Standard deviation of the scores. */
    public double spread() {
        if (count == 0) {
            return Double.NaN;
        }
        double m = mean();
        return Math.sqrt(Math.max(0, sumSq / count - m * m));
    }

    public double keepShare() {
        return count == 0 ? Double.NaN : (double) kept / count;
    }

    /** The statistics under keys prefixed by the scale name. */
    public Map<String, Object> asMap(String scale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("edge_" + scale + "_candidates", count);
        m.put("edge_" + scale + "_mean", mean());
        m.put("edge_" + scale + "_spread", spread());
        m.put("edge_" + scale + "_keep", keepShare());
        return m;
    }
}
