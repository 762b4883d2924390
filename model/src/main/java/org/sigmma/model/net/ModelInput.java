package org.sigmma.model.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import org.sigmma.model.data.Batch;
import org.sigmma.model.data.TileSample;
import org.sigmma.model.st.GraphInputs;

/**
 * A batch on the device: the crops (uint8 images, converted to float on the device, or
 * precomputed features) and the cell graphs.
 *
 * @param crops {@code [B, 21, 3, S, S]} uint8 or {@code [B, 21, D]} float
 * @param graph the cell graphs
 */
public record ModelInput(NDArray crops, GraphInputs graph) {

    /** Copies a host batch to the manager's device (the one host-to-device transfer of a step). */
    public static ModelInput of(Batch b, NDManager m) {
        long bs = b.size();
        NDArray crops;
        if (b.crops() != null) {
            int s = b.shape().cropSize();
            crops = m.create(ByteBuffer.wrap(b.crops()), new Shape(bs, TileSample.CROPS, 3, s, s),
                    DataType.UINT8);
        } else {
            crops = m.create(b.cropFeatures(), new Shape(bs, TileSample.CROPS,
                    b.shape().cropFeatureDim()));
        }
        return new ModelInput(crops, GraphInputs.of(b, m));
    }
}
