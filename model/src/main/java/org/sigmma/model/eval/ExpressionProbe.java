package org.sigmma.model.eval;

import java.util.Arrays;

/**
 * Task 1's linear probe: genes chosen on the training tiles, PCA fitted on the training tiles, a ridge per
 * penalty fitted on them, the penalty chosen by validation MSE, and the test tiles scored.
 */
public final class ExpressionProbe {

    private ExpressionProbe() {
    }

    /**
     * A probe fitted and scored.
     *
     * @param predictor  what was kept
     * @param validation validation MSE per tried alpha, in the parameters' order
     * @param test       scores on the test tiles
     */
    public record Result(GenePredictor predictor, double[] validation, ExpressionScores test) {
    }

    /**
     * The {@code k} genes of largest variance across the training tiles' expression (ties to the lower index),
     * returned in decreasing order of variance.
     */
    public static int[] highlyVariable(double[][] trainExpression, int k) {
        if (trainExpression.length < 2) {
            throw new IllegalArgumentException("choosing variable genes needs at least 2 training tiles, got "
                    + trainExpression.length);
        }
        int g = trainExpression[0].length;
        double[] var = new double[g];
        for (int j = 0; j < g; j++) {
            var[j] = Stats.MeanStd.of(Stats.column(trainExpression, j)).std();
        }
        Integer[] order = new Integer[g];
        for (int j = 0; j < g; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> var[a] != var[b] ? Double.compare(var[b], var[a]) : Integer.compare(a, b));
        int[] out = new int[Math.min(k, g)];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** The columns {@code genes} of every row. */
    public static double[][] select(double[][] rows, int[] genes) {
        double[][] out = new double[rows.length][genes.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < genes.length; j++) {
                out[i][j] = rows[i][genes[j]];
            }
        }
        return out;
    }

    /**
     * @param usePca false to regress on the input directly (the composition ceiling: a few proportions)
     */
    public static Result fit(String input, String[] genes, double[][] trainX, double[][] trainY, double[][] valX,
                             double[][] valY, double[][] testX, double[][] testY, ProbeParameters p, boolean usePca) {
        require(trainX, trainY, "train");
        require(valX, valY, "validation");
        require(testX, testY, "test");
        if (valX.length == 0) {
            throw new IllegalArgumentException("the validation split has no tiles: the ridge penalty is chosen on it");
        }
        EmbeddingPca pca = usePca ? EmbeddingPca.fit(trainX, p.maxComponents()) : null;
        double[][] tx = usePca ? pca.transform(trainX) : trainX;
        double[][] vx = usePca ? pca.transform(valX) : valX;
        double[] valMse = new double[p.alphas().length];
        Ridge best = null;
        double bestMse = Double.POSITIVE_INFINITY;
        for (int a = 0; a < valMse.length; a++) {
            Ridge r = Ridge.fit(tx, trainY, p.alphas()[a]);
            double[][] pred = r.predict(vx);
            double s = 0;
            for (int i = 0; i < pred.length; i++) {
                s += Stats.mse(valY[i], pred[i]);
            }
            valMse[a] = s / pred.length;
            if (valMse[a] < bestMse) {
                bestMse = valMse[a];
                best = r;
            }
        }
        GenePredictor predictor = new GenePredictor(input, genes, pca, best);
        ExpressionScores test = ExpressionScores.of(testY, predictor.predict(testX));
        return new Result(predictor, valMse, test);
    }

    /** The sanity floor: every test tile predicted as the mean of the training tiles. */
    public static ExpressionScores trainingMean(double[][] trainY, double[][] testY) {
        int g = trainY[0].length;
        double[] mean = new double[g];
        for (double[] row : trainY) {
            for (int j = 0; j < g; j++) {
                mean[j] += row[j] / trainY.length;
            }
        }
        double[][] pred = new double[testY.length][];
        Arrays.fill(pred, mean);
        return ExpressionScores.of(testY, pred);
    }

    private static void require(double[][] x, double[][] y, String split) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(split + " split: " + x.length + " inputs but " + y.length + " targets");
        }
    }
}
