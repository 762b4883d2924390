package org.sigmma.model.st;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.sigmma.model.data.Batch;

/**
 * A batch's cell graphs on the device (see {@link Batch} for the meaning of each array).
 *
 * @param features {@code [B, N, F]}
 * @param mask {@code [B, N]}
 * @param adjacency {@code [B, N, N]}
 * @param mesoIndex {@code [B*N*Km]} int64
 * @param mesoMask {@code [B, N, Km]}
 * @param mesoOnly {@code [B, N, Km]}
 * @param macroIndex {@code [B*N*Kx]} int64
 * @param macroMask {@code [B, N, Kx]}
 * @param macroMesoSlot {@code [B, N, Kx]} int64
 * @param macroInMeso {@code [B, N, Kx]}
 * @param mesoSlots Km
 * @param macroSlots Kx
 * @param mesoUniform {@code [B, N, Km]} the uniforms of the meso edge samples, or null to draw
 *     them from the engine's generator (the normal case; given, they make a training forward pass
 *     deterministic, as the parity check against the PyTorch reference needs)
 * @param macroUniform {@code [B, N, Kx]} the same for the macro step, or null
 * @param mesoDistance {@code [B, N, Km]} micrometres between each meso candidate pair, or null
 *     (only a scorer that reads the pair's geometry needs it)
 * @param macroDistance {@code [B, N, Kx]} the same for the macro step, or null
 */
public record GraphInputs(NDArray features, NDArray mask, NDArray adjacency, NDArray mesoIndex,
        NDArray mesoMask, NDArray mesoOnly, NDArray macroIndex, NDArray macroMask,
        NDArray macroMesoSlot, NDArray macroInMeso, int mesoSlots, int macroSlots,
        NDArray mesoUniform, NDArray macroUniform, NDArray mesoDistance, NDArray macroDistance) {

    /** Inputs whose edge samples are drawn from the engine's generator. */
    public GraphInputs(NDArray features, NDArray mask, NDArray adjacency, NDArray mesoIndex,
            NDArray mesoMask, NDArray mesoOnly, NDArray macroIndex, NDArray macroMask,
            NDArray macroMesoSlot, NDArray macroInMeso, int mesoSlots, int macroSlots) {
        this(features, mask, adjacency, mesoIndex, mesoMask, mesoOnly, macroIndex, macroMask,
                macroMesoSlot, macroInMeso, mesoSlots, macroSlots, null, null, null, null);
    }

    /** The same inputs with the candidate pairs' distances given. */
    public GraphInputs withDistances(NDArray meso, NDArray macro) {
        return new GraphInputs(features, mask, adjacency, mesoIndex, mesoMask, mesoOnly,
                macroIndex, macroMask, macroMesoSlot, macroInMeso, mesoSlots, macroSlots, mesoUniform,
                macroUniform, meso, macro);
    }

    /** The same inputs with the edge samples' uniforms given (see the record's parameters). */
    public GraphInputs withUniforms(NDArray meso, NDArray macro) {
        return new GraphInputs(features, mask, adjacency, mesoIndex, mesoMask, mesoOnly,
                macroIndex, macroMask, macroMesoSlot, macroInMeso, mesoSlots, macroSlots, meso,
                macro, mesoDistance, macroDistance);
    }

    /** Copies the host arrays of a batch to the manager's device. */
    public static GraphInputs of(Batch b, NDManager m) {
        long bs = b.size();
        long n = b.shape().cells();
        int km = b.shape().mesoSlots();
        int kx = b.shape().macroSlots();
        return new GraphInputs(
                m.create(b.features(), new Shape(bs, n, b.shape().featureDim())),
                m.create(b.mask(), new Shape(bs, n)),
                m.create(b.adjacency(), new Shape(bs, n, n)),
                m.create(b.mesoIndex(), new Shape(bs * n * km)),
                m.create(b.mesoMask(), new Shape(bs, n, km)),
                m.create(b.mesoOnly(), new Shape(bs, n, km)),
                m.create(b.macroIndex(), new Shape(bs * n * kx)),
                m.create(b.macroMask(), new Shape(bs, n, kx)),
                m.create(b.macroMesoSlot(), new Shape(bs, n, kx)),
                m.create(b.macroInMeso(), new Shape(bs, n, kx)),
                km, kx).withDistances(m.create(b.mesoDistance(), new Shape(bs, n, km)),
                m.create(b.macroDistance(), new Shape(bs, n, kx)));
    }
}
