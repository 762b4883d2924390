package org.sigmma.model.he;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sigmma.model.layers.Mlp;
import org.sigmma.schema.Scale;

/**
 * The multi-crop HE encoder f: {@code z_s^I = mean over the crops of scale s of
 * proj_s(backbone(crop))} for s in micro (16 crops), meso (4), macro (1).
 *
 * <p>With {@code macroOnly} (single-scale and BLEEP-like models) only the macro crop is encoded.
 */
public final class HeEncoder extends AbstractBlock {

    /** Crop ranges of the three scales inside the 21 crops. */
    static final int[][] RANGES = {{0, 16}, {16, 20}, {20, 21}};

    private final Backbone backbone;
    private final Mlp[] proj = new Mlp[3];
    private final boolean macroOnly;
    private NDArray pixelScale;
    private NDArray pixelShift;

    public HeEncoder(Backbone backbone, int projection, boolean macroOnly) {
        this.backbone = addChildBlock("backbone", backbone);
        this.macroOnly = macroOnly;
        for (Scale s : Scale.values()) {
            proj[s.ordinal()] = addChildBlock("proj" + s.suffix(), new Mlp(backbone.outDim(), projection, projection));
        }
    }

    public Backbone backbone() {
        return backbone;
    }

    /**
     * Encodes a batch.
     *
     * @param crops uint8 {@code [B, 21, 3, S, S]}, or float {@code [B, 21, D]} for precomputed
     *     features
     * @return the three scale embeddings {@code [B, P]} (micro and meso null when macroOnly)
     */
    public NDArray[] encode(ParameterStore ps, NDArray crops, boolean training) {
        long b = crops.getShape().get(0);
        int first = macroOnly ? 20 : 0;
        NDArray x = macroOnly ? crops.get(new NDIndex(":, 20:21")) : crops;
        long m = x.getShape().get(1);
        NDArray feats;
        if (backbone.readsImages()) {
            Shape s = x.getShape();
            x = x.toType(DataType.FLOAT32, false).reshape(b * m, s.get(2), s.get(3), s.get(4));
            x = x.mul(pixelScale).sub(pixelShift);
            feats = backbone.embed(ps, x, training).reshape(b, m, backbone.outDim());
        } else {
            feats = x;
        }
        NDArray[] z = new NDArray[3];
        for (int sc = macroOnly ? 2 : 0; sc < 3; sc++) {
            NDArray part = feats.get(new NDIndex(":, " + (RANGES[sc][0] - first) + ":"
                    + (RANGES[sc][1] - first)));
            z[sc] = proj[sc].apply(ps, part, training).mean(new int[] {1});
        }
        return z;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray[] z = encode(ps, inputs.head(), training);
        NDList out = new NDList();
        for (NDArray a : z) {
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        Shape one = proj[2].getOutputShapes(new Shape[] {new Shape(b, backbone.outDim())})[0];
        return macroOnly ? new Shape[] {one} : new Shape[] {one, one, one};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        backbone.initialize(manager, dataType);
        for (Mlp p : proj) {
            p.initialize(manager, dataType);
        }
        float[] mean = backbone.pixelMean();
        float[] std = backbone.pixelStd();
        float[] scale = new float[3];
        float[] shift = new float[3];
        for (int c = 0; c < 3; c++) {
            scale[c] = 1f / (255f * std[c]);
            shift[c] = mean[c] / std[c];
        }
        pixelScale = manager.create(scale, new Shape(1, 3, 1, 1));
        pixelShift = manager.create(shift, new Shape(1, 3, 1, 1));
    }
}
