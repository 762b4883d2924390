package org.sigmma.model.eval;

/**
 * Task 1 metrics of predicted against true tile expression (tiles x genes): MSE and PCC per tile (across the
 * genes of a tile; the paper's "mean ± std across tiles"), and PCC per gene (across tiles; the HEST-benchmark
 * convention, which a constant prediction cannot game).
 *
 * @param mse        per-tile MSE, mean ± std over tiles
 * @param pcc        per-tile PCC, mean ± std over tiles
 * @param perGene    per-gene PCC, mean ± std over genes (NaN genes, e.g. a constant prediction, left out)
 * @param genePcc    per-gene PCC in gene order
 */
public record ExpressionScores(Stats.MeanStd mse, Stats.MeanStd pcc, Stats.MeanStd perGene, double[] genePcc) {

    public static ExpressionScores of(double[][] truth, double[][] predicted) {
        int n = truth.length;
        if (predicted.length != n) {
            throw new IllegalArgumentException("truth has " + n + " tiles, the prediction " + predicted.length);
        }
        if (n == 0) {
            throw new IllegalArgumentException("no tiles to score");
        }
        int g = truth[0].length;
        double[] mse = new double[n];
        double[] pcc = new double[n];
        for (int i = 0; i < n; i++) {
            if (truth[i].length != g || predicted[i].length != g) {
                throw new IllegalArgumentException("tile " + i + " has " + truth[i].length + " true and "
                        + predicted[i].length + " predicted genes, expected " + g);
            }
            mse[i] = Stats.mse(truth[i], predicted[i]);
            pcc[i] = Stats.pearson(truth[i], predicted[i]);
        }
        double[] genePcc = new double[g];
        for (int j = 0; j < g; j++) {
            genePcc[j] = Stats.pearson(Stats.column(truth, j), Stats.column(predicted, j));
        }
        return new ExpressionScores(Stats.MeanStd.of(mse), Stats.MeanStd.of(pcc), Stats.MeanStd.of(genePcc), genePcc);
    }
}
