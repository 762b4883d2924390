package org.sigmma.model.st;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.sigmma.model.layers.Mlp;
import org.sigmma.model.layers.Scalars;
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
     * @param sageDepth SAGE layers per scale (the paper: 1), each over that scale's graph
     * @param edgeDropout share of the graph's edges (NEAR and added) dropped at random in each training step
     *     (DropEdge, Rong et al. 2020), 0 for none; evaluation always sees every edge
     */
    public record Options(int featureDim, int hidden, int projection, int scorerHidden,
            boolean noGraph, boolean noSparsification, EdgeSampler.Mode sampling, boolean scorerGeometry,
            int sageDepth, double edgeDropout) {

        public Options {
            if (sageDepth < 1) {
                throw new IllegalArgumentException("sageDepth must be >= 1, was " + sageDepth);
            }
            if (!(edgeDropout >= 0 && edgeDropout < 1)) {
                throw new IllegalArgumentException("edgeDropout must be in [0, 1), was " + edgeDropout);
            }
        }

        /** One SAGE layer per scale and no edge dropout (the paper's encoder). */
        public Options(int featureDim, int hidden, int projection, int scorerHidden, boolean noGraph,
                boolean noSparsification, EdgeSampler.Mode sampling, boolean scorerGeometry) {
            this(featureDim, hidden, projection, scorerHidden, noGraph, noSparsification, sampling, scorerGeometry,
                    1, 0);
        }

        /** Scorers that read the two node embeddings only (the paper's scorer). */
        public Options(int featureDim, int hidden, int projection, int scorerHidden, boolean noGraph,
                boolean noSparsification, EdgeSampler.Mode sampling) {
            this(featureDim, hidden, projection, scorerHidden, noGraph, noSparsification, sampling, false);
        }
    }

    private final Options o;
    /** {@code sage[s][k]}: layer k of scale s; layer 0 keeps the single-layer parameter names. */
    private final SageLayer[][] sage = new SageLayer[3][];
    private final AttentionPool[] pool = new AttentionPool[3];
    private final Mlp[] proj = new Mlp[3];
    private final EdgeScorer mesoScorer;
    private final EdgeScorer macroScorer;

    public StEncoder(Options o) {
        this.o = o;
        String[] names = java.util.Arrays.stream(Scale.values()).map(Scale::suffix).toArray(String[]::new);
        for (int s = 0; s < 3; s++) {
            sage[s] = new SageLayer[o.sageDepth()];
            for (int k = 0; k < o.sageDepth(); k++) {
                int in = s == 0 && k == 0 ? o.featureDim() : o.hidden();
                sage[s][k] = addChildBlock("sage" + names[s] + (k == 0 ? "" : "_" + k),
                        new SageLayer(in, o.hidden()));
            }
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
                h[s] = layers(ps, s, x, null, cellMask, training);
                x = h[s];
            }
        } else {
            NDArray adj = dropEdges(in.adjacency(), training);
            // micro
            Graph micro = new Graph(adj);
            h[0] = layers(ps, 0, in.features(), micro, cellMask, training);
            // meso
            NDArray pMeso = edgeWeights(ps, mesoScorer, h[0], in.mesoIndex(), in.mesoSlots(),
                    in.mesoDistance(), in.mesoMask(), in.mesoUniform(), training, tau, addedEdgesOff, logits, 0);
            weights[0] = pMeso;
            Graph meso = new Graph(adj).plus(dropEdges(pMeso, training), in.mesoIndex(), in.mesoSlots());
            h[1] = layers(ps, 1, h[0], meso, cellMask, training);
            // macro
            NDArray pMacro = edgeWeights(ps, macroScorer, h[1], in.macroIndex(),
                    in.macroSlots(), in.macroDistance(), in.macroMask(), in.macroUniform(), training, tau,
                    addedEdgesOff, logits, 1);
            NDArray mesoAtMacro = pMeso.gather(in.macroMesoSlot(), 2).mul(in.macroInMeso());
            NDArray joined = mesoAtMacro.add(pMacro.mul(Scalars.of(pMacro, 1).sub(mesoAtMacro)));
            weights[1] = joined;
            NDArray mesoKept = pMeso.mul(in.mesoOnly());
            Graph macro = new Graph(adj).plus(dropEdges(mesoKept, training), in.mesoIndex(), in.mesoSlots())
                    .plus(dropEdges(joined, training), in.macroIndex(), in.macroSlots());
            h[2] = layers(ps, 2, h[1], macro, cellMask, training);
        }
        NDArray[] z = new NDArray[3];
        for (int s = 0; s < 3; s++) {
            z[s] = proj[s].apply(ps, pool[s].pool(ps, h[s], mask, training), training);
        }
        return new StOutput(z, h, logits, candMasks, weights);
    }

    /** The scale's SAGE layers in turn, each over the same graph (none: cells as a set). */
    private NDArray layers(ParameterStore ps, int scale, NDArray x, Graph g, NDArray cellMask, boolean training) {
        for (SageLayer layer : sage[scale]) {
            x = layer.apply(ps, x, g == null ? null : g.neighbourMean(x), training).mul(cellMask);
        }
        return x;
    }

    /** Edge weights with a random share {@code edgeDropout} set to 0, in training only. */
    private NDArray dropEdges(NDArray w, boolean training) {
        if (!training || o.edgeDropout() == 0) {
            return w;
        }
        NDArray keep = w.getManager().randomUniform(0, 1, w.getShape()).gt(o.edgeDropout())
                .toType(w.getDataType(), false);
        return w.mul(keep);
    }

    /**
     * One scale's graph: the NEAR adjacency plus weighted candidate edges; {@link #neighbourMean} is the weighted
     * mean of the neighbours' rows of any {@code h}, so that several layers share the graph.
     */
    private record Graph(NDArray adjacency, NDArray degree, List<Added> added) {

        /** Candidate edges joined with weights {@code [B, N, K]}, their endpoints' flat indices and K. */
        private record Added(NDArray weights, NDArray index, int slots) {
        }

        Graph(NDArray adjacency) {
            this(adjacency, adjacency.sum(new int[] {2}), List.of());
        }

        Graph plus(NDArray weights, NDArray index, int k) {
            List<Added> a = new ArrayList<>(added);
            a.add(new Added(weights, index, k));
            return new Graph(adjacency, degree.add(weights.sum(new int[] {2})), a);
        }

        NDArray neighbourMean(NDArray h) {
            NDArray msg = adjacency.batchMatMul(h);
            for (Added e : added) {
                msg = msg.add(Graphs.weightedSum(e.weights(), Graphs.gatherRows(h, e.index(), e.slots())));
            }
            return Graphs.weightedMean(msg, degree);
        }
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
            for (SageLayer layer : sage[s]) {
                layer.initialize(manager, dataType);
            }
            pool[s].initialize(manager, dataType);
            proj[s].initialize(manager, dataType);
        }
        if (mesoScorer != null) {
            mesoScorer.initialize(manager, dataType);
            macroScorer.initialize(manager, dataType);
        }
    }
}
