package org.sigmma.model.st;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sigmma.model.layers.Dense;

/**
 * The edge scorer phi: {@code logit_uv = w2 . ReLU(W_a h_u + W_b h_v + b1) + b2}, so that
 * {@code s_uv = sigmoid(logit_uv) = sigmoid(MLP([h_u, h_v]))}. The first layer on the
 * concatenation is split into {@code W_a h_u + W_b h_v}: each node is projected once and the
 * projections are broadcast over its candidate slots, never building the {@code [B, N, N, 2H]}
 * concatenation.
 *
 * <p>With geometry, the pair's distance enters the same hidden layer,
 * {@code ReLU(W_a h_u + W_b h_v + W_d [d/L, (d/L)^2] + b1)} with L = {@value #LENGTH_UM} um (a meso block's side):
 * the node embeddings alone cannot tell a touching neighbour from one across the block.
 */
public final class EdgeScorer extends AbstractBlock {

    private final Dense a;
    private final Dense b;
    private final Dense out;
    private final Dense geometry;
    private final int hidden;

    /** Length scale of the distance input, micrometres. */
    public static final float LENGTH_UM = 64f;

    public EdgeScorer(int in, int hidden) {
        this(in, hidden, false);
    }

    /** @param geometry whether the pair's distance is an input */
    public EdgeScorer(int in, int hidden, boolean geometry) {
        this.hidden = hidden;
        a = addChildBlock("a", new Dense(in, hidden, true));
        b = addChildBlock("b", new Dense(in, hidden, false));
        this.geometry = geometry ? addChildBlock("d", new Dense(2, hidden, false)) : null;
        out = addChildBlock("out", new Dense(hidden, 1, true));
    }

    public boolean usesGeometry() {
        return geometry != null;
    }

    /**
     * @param distance {@code [B, N, K]} micrometres between each candidate pair (needed with geometry)
     */
    public NDArray logits(ParameterStore ps, NDArray h, NDArray candidates, int slots, NDArray distance,
            boolean training) {
        if (geometry == null) {
            return logits(ps, h, candidates, slots, training);
        }
        if (distance == null) {
            throw new IllegalArgumentException("the edge scorer reads the pairs' distances, and none were given");
        }
        Shape s = h.getShape();
        NDArray self = a.apply(ps, h, training).expandDims(2);
        NDArray other = Graphs.gatherRows(b.apply(ps, h, training), candidates, slots);
        NDArray x = distance.div(org.sigmma.model.layers.Scalars.of(distance, LENGTH_UM)).expandDims(3);
        NDArray g = geometry.apply(ps, x.concat(x.mul(x), 3), training);
        NDArray z = Activation.relu(other.add(self).add(g));
        return out.apply(ps, z, training).reshape(s.get(0), s.get(1), slots);
    }

    /**
     * @param h {@code [B, N, D]} node embeddings
     * @param candidates flat {@code [B*N*K]} row index of each candidate (see {@code Batch})
     * @param slots K
     * @return logits {@code [B, N, K]}
     */
    public NDArray logits(ParameterStore ps, NDArray h, NDArray candidates, int slots,
            boolean training) {
        Shape s = h.getShape();
        long bs = s.get(0);
        long n = s.get(1);
        NDArray self = a.apply(ps, h, training).expandDims(2);
        NDArray other = Graphs.gatherRows(b.apply(ps, h, training), candidates, slots);
        NDArray z = Activation.relu(other.add(self));
        return out.apply(ps, z, training).reshape(bs, n, slots);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray idx = inputs.get(1);
        int slots = (int) (idx.size() / (inputs.get(0).getShape().get(0)
                * inputs.get(0).getShape().get(1)));
        return new NDList(logits(ps, inputs.get(0), idx, slots, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape h = inputShapes[0];
        long slots = inputShapes[1].size() / (h.get(0) * h.get(1));
        return new Shape[] {new Shape(h.get(0), h.get(1), slots)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        a.initialize(manager, dataType);
        b.initialize(manager, dataType);
        if (geometry != null) {
            geometry.initialize(manager, dataType);
        }
        out.initialize(manager, dataType);
    }

    public int hidden() {
        return hidden;
    }
}
