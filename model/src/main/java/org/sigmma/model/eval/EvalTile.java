package org.sigmma.model.eval;

/**
 * One tile as the evaluation sees it.
 *
 * @param tileId      the tile
 * @param he          HE tile embedding per scale (0 micro, 1 meso, 2 macro); the BLEEP-like model has macro only
 * @param st          ST tile embedding per scale; an entry is null for a scale the model does not align
 * @param expression  the tile's mean log1p(CP10k) expression of every gene of the panel
 * @param domain      the tile's tissue domain (majority of its cells, from a simulator's truth), or -1 when unknown
 * @param composition the tile's cell-type proportions (from the truth), or null when unknown
 */
public record EvalTile(String tileId, float[][] he, float[][] st, double[] expression, int domain,
                       double[] composition) {

    public EvalTile {
        if (he == null || he.length != 3 || he[2] == null) {
            throw new IllegalArgumentException("tile " + tileId + ": field he needs three entries with the macro HE "
                    + "embedding (null for a scale the model does not embed)");
        }
        if (st == null || st.length != 3) {
            throw new IllegalArgumentException("tile " + tileId + ": field st needs three entries (null for a scale "
                    + "the model does not align)");
        }
        if (expression == null || expression.length == 0) {
            throw new IllegalArgumentException("tile " + tileId + ": field expression is empty");
        }
    }

    /**
     * The HE embedding the probe reads: macro, or the scales the model embeds concatenated (micro, meso, macro; the
     * three for SIGMMA, macro alone for the BLEEP-like model).
     */
    public double[] heInput(String which) {
        return switch (which) {
            case "macro" -> toDouble(he[2]);
            case "concat" -> toDouble(concat(java.util.Arrays.stream(he).filter(java.util.Objects::nonNull)
                    .toArray(float[][]::new)));
            default -> throw new IllegalArgumentException("embedding must be macro or concat, was " + which);
        };
    }

    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
