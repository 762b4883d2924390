package org.sigmma.model.eval;

/**
 * A fitted Task 1 probe: tile embedding -> PCA (optional) -> ridge -> mean log1p expression of {@code genes}.
 *
 * @param input what it reads, e.g. "he-macro" or "he-concat" (the three scales micro, meso, macro in that order)
 * @param genes the predicted genes (the highly variable genes of the training tiles)
 * @param pca   null when the ridge reads the input directly
 * @param ridge the regression
 */
public record GenePredictor(String input, String[] genes, EmbeddingPca pca, Ridge ridge) {

    public GenePredictor {
        if (ridge.intercept().length != genes.length) {
            throw new IllegalArgumentException("ridge predicts " + ridge.intercept().length + " outputs for "
                    + genes.length + " genes");
        }
    }

    /** The input width the predictor expects. */
    public int inputDim() {
        return pca != null ? pca.mean().length : ridge.weights().length;
    }

    public double[] predict(double[] input) {
        return ridge.predict(pca != null ? pca.transform(input) : input);
    }

    public double[][] predict(double[][] inputs) {
        double[][] out = new double[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            out[i] = predict(inputs[i]);
        }
        return out;
    }
}
