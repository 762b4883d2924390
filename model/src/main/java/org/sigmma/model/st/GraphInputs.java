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
 */
public record GraphInputs(NDArray features, NDArray mask, NDArray adjacency, NDArray mesoIndex,
        NDArray mesoMask, NDArray mesoOnly, NDArray macroIndex, NDArray macroMask,
        NDArray macroMesoSlot, NDArray macroInMeso, int mesoSlots, int macroSlots) {

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
                km, kx);
    }
}
