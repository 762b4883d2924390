package org.sigmma.model.st;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.sigmma.model.nn.Mlp;
import org.sigmma.model.nn.Scalars;
import org.sigmma.schema.Scale;

/**
 * The hierarchical ST encoder g (docs/method.md "ST encoder", paper section 5.2).
 *
 * <ol>
 *   <li>micro: {@code h1 = SAGE(x, G_micro)}, G_micro the NEAR edges inside micro blocks;
 *   <li>meso: the scorer rates the meso candidates on h1, a relaxed Bernoulli sample p gives the
 *       added edges' weights, {@code G_meso = G_micro + sampled}, {@code h2 = SAGE(h1, G_meso)};
 *   <li>macro: the same with the tile's candidates on h2; a pair that is a candidate at both
 *       steps is joined with weight {@code p_meso + p_macro (1 - p_meso)} (either sample keeps
 *       it), giving {@code G_macro} and {@code h3 = SAGE(h2, G_macro)};
 *   <li>{@code z_s = proj_s(AttentionPool_s(h_s))}.
 * </ol>
 *
 * <p>Switches: no graph (cells as a set: no neighbour term at all), no sparsification (every
 * candidate joined with weight 1, the scorer unused).
 */
public final class StEncoder extends StSide {

    /**
     * @param featureDim node input width
     * @param hidden cell embedding width H
     * @param projection tile embedding width P
     * @param scorerHidden edge scorer hidden width
     * @param noGraph cells as a set
     * @param noSparsification all candidates joined with weight 1
     * @param sampling how training samples are taken
     * @param scorerGeometry whether the edge scorers read the pair's distance
     */
    public record Options(int featureDim, int hidden, int projection, int scorerHidden,
            boolean noGraph, boolean noSparsification, EdgeSampler.Mode sampling, boolean scorerGeometry) {

        /** Scorers that read the two node embeddings only (the paper's scorer). */
        public Options(int featureDim, int hidden, int projection, int scorerHidden, boolean noGraph,
                boolean noSparsification, EdgeSampler.Mode sampling) {
            this(featureDim, hidden, projection, scorerHidden, noGraph, noSparsification, sampling, false);
        }
    }

    private final Options o;
    private final SageLayer[] sage = new SageLayer[3];
    private final AttentionPool[] pool = new AttentionPool[3];
    private final Mlp[] proj = new Mlp[3];
    private final EdgeScorer mesoScorer;
    private final EdgeScorer macroScorer;

    public StEncoder(Options o) {
        this.o = o;
        String[] names = java.util.Arrays.stream(Scale.values()).map(Scale::suffix).toArray(String[]::new);
        for (int s = 0; s < 3; s++) {
            int in = s == 0 ? o.featureDim() : o.hidden();
            sage[s] = addChildBlock("sage" + names[s], new SageLayer(in, o.hidden()));
        }
        boolean scored = !o.noGraph() && !o.noSparsification();
        mesoScorer = scored ? addChildBlock("scorerMeso", new EdgeScorer(o.hidden(),
                o.scorerHidden(), o.scorerGeometry())) : null;
        macroScorer = scored ? addChildBlock("scorerMacro", new EdgeScorer(o.hidden(),
                o.scorerHidden(), o.scorerGeometry())) : null;
        for (int s = 0; s < 3; s++) {
            pool[s] = addChildBlock("pool" + names[s], new AttentionPool(o.hidden()));
            proj[s] = addChildBlock("proj" + names[s], new Mlp(o.hidden(), o.projection(),
                    o.projection()));
        }
    }

    public Options options() {
        return o;
    }

    @Override
    public StOutput encode(ParameterStore ps, GraphInputs in, boolean training, float tau,
            boolean addedEdgesOff) {
        NDArray mask = in.mask();
        NDArray cellMask = mask.expandDims(2);
        NDArray[] h = new NDArray[3];
        NDArray[] logits = new NDArray[2];
        NDArray[] weights = new NDArray[2];
        NDArray[] candMasks = {in.mesoMask(), in.macroMask()};
        if (o.noGraph()) {
            NDArray x = in.features();
            for (int s = 0; s < 3; s++) {
                h[s] = sage[s].apply(ps, x, null, training).mul(cellMask);
                x = h[s];
            }
        } else {
            NDArray adj = in.adjacency();
            NDArray microDegree = adj.sum(new int[] {2});
            // micro
            NDArray msg = adj.batchMatMul(in.features());
            h[0] = sage[0].apply(ps, in.features(), Graphs.weightedMean(msg, microDegree),
                    training).mul(cellMask);
            // meso
            NDArray pMeso = edgeWeights(ps, mesoScorer, h[0], in.mesoIndex(), in.mesoSlots(),
                    in.mesoDistance(), in.mesoMask(), in.mesoUniform(), training, tau, addedEdgesOff, logits, 0);
            weights[0] = pMeso;
            NDArray rows = Graphs.gatherRows(h[0], in.mesoIndex(), in.mesoSlots());
            msg = adj.batchMatMul(h[0]).add(Graphs.weightedSum(pMeso, rows));
            NDArray degree = microDegree.add(pMeso.sum(new int[] {2}));
            h[1] = sage[1].apply(ps, h[0], Graphs.weightedMean(msg, degree), training)
                    .mul(cellMask);
            // macro
            NDArray pMacro = edgeWeights(ps, macroScorer, h[1], in.macroIndex(),
                    in.macroSlots(), in.macroDistance(), in.macroMask(), in.macroUniform(), training, tau,
                    addedEdgesOff, logits, 1);
            NDArray mesoAtMacro = pMeso.gather(in.macroMesoSlot(), 2).mul(in.macroInMeso());
            NDArray joined = mesoAtMacro.add(pMacro.mul(Scalars.of(pMacro, 1).sub(mesoAtMacro)));
            weights[1] = joined;
            NDArray mesoKept = pMeso.mul(in.mesoOnly());
            NDArray mesoRows = Graphs.gatherRows(h[1], in.mesoIndex(), in.mesoSlots());
            NDArray macroRows = Graphs.gatherRows(h[1], in.macroIndex(), in.macroSlots());
            msg = adj.batchMatMul(h[1]).add(Graphs.weightedSum(mesoKept, mesoRows))
                    .add(Graphs.weightedSum(joined, macroRows));
            degree = microDegree.add(mesoKept.sum(new int[] {2})).add(joined.sum(new int[] {2}));
            h[2] = sage[2].apply(ps, h[1], Graphs.weightedMean(msg, degree), training)
                    .mul(cellMask);
        }
        NDArray[] z = new NDArray[3];
        for (int s = 0; s < 3; s++) {
            z[s] = proj[s].apply(ps, pool[s].pool(ps, h[s], mask, training), training);
        }
        return new StOutput(z, h, logits, candMasks, weights);
    }

    private NDArray edgeWeights(ParameterStore ps, EdgeScorer scorer, NDArray h, NDArray index,
            int slots, NDArray distance, NDArray candMask, NDArray uniform, boolean training, float tau,
            boolean off,
            NDArray[] logitsOut, int step) {
        if (off) {
            return candMask.zerosLike();
        }
        if (scorer == null) {
            return candMask;
        }
        NDArray logits = scorer.logits(ps, h, index, slots, distance, training);
        logitsOut[step] = logits;
        return EdgeSampler.sample(logits, tau, o.sampling(), training, uniform)
                .mul(candMask);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        for (int s = 0; s < 3; s++) {
            sage[s].initialize(manager, dataType);
            pool[s].initialize(manager, dataType);
            proj[s].initialize(manager, dataType);
        }
        if (mesoScorer != null) {
            mesoScorer.initialize(manager, dataType);
            macroScorer.initialize(manager, dataType);
        }
    }
}
