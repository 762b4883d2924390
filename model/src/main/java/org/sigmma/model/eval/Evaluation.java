package org.sigmma.model.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sigmma.schema.Scale;

/**
 * The paper's two tasks over the tiles of a run, as docs/method.md defines them: Task 1 (the linear probe from the HE
 * embedding, macro and the three scales concatenated, with two sanity rows: the training mean, and a ridge on
 * the true cell-type composition when the truth is known) and Task 2 (Recall@5/10/15%, both directions, per
 * scale and combined, over all test tiles and within the query's domain when domains are known).
 */
public final class Evaluation {

    public static final double[] FRACTIONS = {0.05, 0.10, 0.15};
    public static final String[] SCALES = Scale.ids().toArray(String[]::new);

    private Evaluation() {
    }

    /** The tiles of the three spatial splits, with the panel's gene names. */
    public record Input(String[] genes, List<EvalTile> train, List<EvalTile> validation, List<EvalTile> test) {
    }

    /**
     * One Task 1 row.
     *
     * @param input      "he-macro", "he-concat", "training-mean" or "composition"
     * @param components PCA components used (0 without PCA)
     * @param alpha      the ridge penalty chosen on validation (NaN for the training mean)
     */
    public record ProbeRow(String input, int components, double alpha, Stats.MeanStd mse, Stats.MeanStd pcc,
                           Stats.MeanStd perGenePcc, double[] genePcc) {
    }

    /**
     * One Task 2 row.
     *
     * @param scale      micro, meso, macro or combined (the scales the model aligns, cosine averaged)
     * @param direction  he2st or st2he
     * @param candidates "all" (every test tile) or "same-domain"
     * @param recall     at 5, 10, 15 %
     * @param chance     what random embeddings would score at each p
     * @param queries    queries counted
     */
    public record RecallRow(String scale, String direction, String candidates, double[] recall, double[] chance,
                            int queries) {
    }

    /** Everything measured, plus the fitted predictors (he-macro and he-concat) for serving. */
    public record Report(String[] genes, int trainTiles, int validationTiles, int testTiles, List<ProbeRow> expression,
                         List<RecallRow> retrieval, List<GenePredictor> predictors) {

        public ProbeRow row(String input) {
            return expression.stream().filter(r -> r.input().equals(input)).findFirst().orElse(null);
        }

        public RecallRow recall(String scale, String direction, String candidates) {
            return retrieval.stream().filter(r -> r.scale().equals(scale) && r.direction().equals(direction)
                    && r.candidates().equals(candidates)).findFirst().orElse(null);
        }
    }

    public static Report run(Input in, ProbeParameters p) {
        if (in.train().size() < 2) {
            throw new IllegalArgumentException("the train split has " + in.train().size()
                    + " tile(s); the probe needs at least 2");
        }
        if (in.test().isEmpty()) {
            throw new IllegalArgumentException("the test split has no tiles");
        }
        double[][] trainAll = expression(in.train());
        int[] hvg = ExpressionProbe.highlyVariable(trainAll, p.topGenes());
        String[] genes = new String[hvg.length];
        for (int i = 0; i < hvg.length; i++) {
            genes[i] = in.genes()[hvg[i]];
        }
        double[][] trainY = ExpressionProbe.select(trainAll, hvg);
        double[][] valY = ExpressionProbe.select(expression(in.validation()), hvg);
        double[][] testY = ExpressionProbe.select(expression(in.test()), hvg);

        List<ProbeRow> rows = new ArrayList<>();
        List<GenePredictor> predictors = new ArrayList<>();
        for (String which : new String[] {"macro", "concat"}) {
            ExpressionProbe.Result r = ExpressionProbe.fit("he-" + which, genes, he(in.train(), which), trainY,
                    he(in.validation(), which), valY, he(in.test(), which), testY, p, true);
            predictors.add(r.predictor());
            rows.add(row("he-" + which, r));
        }
        ExpressionScores mean = ExpressionProbe.trainingMean(trainY, testY);
        rows.add(new ProbeRow("training-mean", 0, Double.NaN, mean.mse(), mean.pcc(), mean.perGene(), mean.genePcc()));
        List<RecallRow> retrieval = retrieval(in.test());
        double[] trainMean = columnMeans(trainY);
        int[] group = in.test().stream().mapToInt(EvalTile::domain).toArray();
        boolean domains = in.test().stream().allMatch(t -> t.domain() >= 0);
        double[][] meanPrediction = new double[testY.length][];
        Arrays.fill(meanPrediction, trainMean);
        retrieval.addAll(expressionRetrieval("training-mean", meanPrediction, testY, trainMean, group, domains));
        if (known(in, t -> t.composition() != null)) {
            ExpressionProbe.Result r = ExpressionProbe.fit("composition", genes, composition(in.train()), trainY,
                    composition(in.validation()), valY, composition(in.test()), testY, p, false);
            rows.add(row("composition", r));
            retrieval.addAll(expressionRetrieval("composition", r.predictor().predict(composition(in.test())), testY,
                    trainMean, group, domains));
        }
        return new Report(genes, in.train().size(), in.validation().size(), in.test().size(), rows, retrieval,
                predictors);
    }

    /**
     * The sanity rows of Task 2: a Task 1 predictor's output for each test tile matched against the true tile
     * expression (both centred on the training mean, cosine), as if the prediction were the HE side. A constant
     * prediction ties every candidate and so retrieves nothing; the composition ridge shows how far the tile's
     * cell-type mix alone identifies it.
     */
    static List<RecallRow> expressionRetrieval(String name, double[][] predicted, double[][] truth, double[] centre,
                                               int[] group, boolean domains) {
        float[][] q = centred(predicted, centre);
        float[][] c = centred(truth, centre);
        List<RecallRow> out = new ArrayList<>();
        for (String direction : new String[] {"he2st", "st2he"}) {
            float[][] a = direction.equals("he2st") ? q : c;
            float[][] b = direction.equals("he2st") ? c : q;
            out.addAll(recallRows(name, direction, a, b, group, domains));
        }
        return out;
    }

    private static List<RecallRow> recallRows(String name, String direction, float[][] q, float[][] c, int[] group,
                                              boolean domains) {
        List<RecallRow> out = new ArrayList<>();
        double[] r = new double[FRACTIONS.length];
        double[] chance = new double[FRACTIONS.length];
        for (int f = 0; f < FRACTIONS.length; f++) {
            r[f] = Retrieval.recall(q, c, FRACTIONS[f]);
            chance[f] = (double) Math.max(1, (int) Math.round(FRACTIONS[f] * q.length)) / q.length;
        }
        out.add(new RecallRow(name, direction, "all", r, chance, q.length));
        if (domains) {
            double[] rw = new double[FRACTIONS.length];
            double[] cw = new double[FRACTIONS.length];
            int counted = 0;
            for (int f = 0; f < FRACTIONS.length; f++) {
                Retrieval.Within w = Retrieval.recallWithin(q, c, FRACTIONS[f], group);
                rw[f] = w.recall();
                cw[f] = w.chance();
                counted = w.queries();
            }
            out.add(new RecallRow(name, direction, "same-domain", rw, cw, counted));
        }
        return out;
    }

    private static float[][] centred(double[][] rows, double[] centre) {
        float[][] out = new float[rows.length][centre.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < centre.length; j++) {
                out[i][j] = (float) (rows[i][j] - centre[j]);
            }
        }
        return out;
    }

    private static double[] columnMeans(double[][] rows) {
        double[] m = new double[rows[0].length];
        for (double[] row : rows) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j] / rows.length;
            }
        }
        return m;
    }

    static List<RecallRow> retrieval(List<EvalTile> test) {
        List<Integer> aligned = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            final int scale = s;
            if (test.stream().allMatch(t -> t.st()[scale] != null && t.he()[scale] != null)) {
                aligned.add(s);
            }
        }
        boolean domains = test.stream().allMatch(t -> t.domain() >= 0);
        int[] group = test.stream().mapToInt(EvalTile::domain).toArray();
        List<RecallRow> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<float[][][]> pairs = new ArrayList<>();
        for (int s : aligned) {
            names.add(SCALES[s]);
            pairs.add(new float[][][] {embeddings(test, s, true), embeddings(test, s, false)});
        }
        if (aligned.size() > 1) {
            // unit vectors concatenated: the cosine of the concatenation is the mean of the scales' cosines
            float[][] he = new float[test.size()][];
            float[][] st = new float[test.size()][];
            for (int i = 0; i < test.size(); i++) {
                List<float[]> a = new ArrayList<>();
                List<float[]> b = new ArrayList<>();
                for (int s : aligned) {
                    a.add(test.get(i).he()[s]);
                    b.add(test.get(i).st()[s]);
                }
                he[i] = EvalTile.concat(a.toArray(new float[0][]));
                st[i] = EvalTile.concat(b.toArray(new float[0][]));
            }
            names.add("combined");
            pairs.add(new float[][][] {he, st});
        }
        for (int k = 0; k < names.size(); k++) {
            float[][] he = pairs.get(k)[0];
            float[][] st = pairs.get(k)[1];
            out.addAll(recallRows(names.get(k), "he2st", he, st, group, domains));
            out.addAll(recallRows(names.get(k), "st2he", st, he, group, domains));
        }
        return out;
    }

    private static ProbeRow row(String name, ExpressionProbe.Result r) {
        ExpressionScores s = r.test();
        GenePredictor g = r.predictor();
        return new ProbeRow(name, g.pca() == null ? 0 : g.pca().nComponents(), g.ridge().alpha(), s.mse(), s.pcc(),
                s.perGene(), s.genePcc());
    }

    private static boolean known(Input in, java.util.function.Predicate<EvalTile> p) {
        return in.train().stream().allMatch(p) && in.validation().stream().allMatch(p) && in.test().stream().allMatch(p);
    }

    private static double[][] expression(List<EvalTile> tiles) {
        return tiles.stream().map(EvalTile::expression).toArray(double[][]::new);
    }

    private static double[][] he(List<EvalTile> tiles, String which) {
        return tiles.stream().map(t -> t.heInput(which)).toArray(double[][]::new);
    }

    private static double[][] composition(List<EvalTile> tiles) {
        return tiles.stream().map(EvalTile::composition).toArray(double[][]::new);
    }

    private static float[][] embeddings(List<EvalTile> tiles, int scale, boolean he) {
        return tiles.stream().map(t -> he ? t.he()[scale] : t.st()[scale]).toArray(float[][]::new);
    }
}
