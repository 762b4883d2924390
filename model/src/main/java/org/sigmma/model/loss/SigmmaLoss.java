package org.sigmma.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.sigmma.model.net.ModelOutput;
import org.sigmma.model.layers.Scalars;

/**
 * The training objective: {@code L = sum over the loss scales of L_align(z_s^I, z_s^S)}, plus an
 * optional keep-rate term {@code w * (mean s_uv - target)^2} per edge-addition step, a remedy for
 * a scorer that keeps every candidate.
 */
public final class SigmmaLoss {

    /**
     * The loss and its parts, all on the device.
     *
     * @param total the scalar to minimise
     * @param perScale InfoNCE per scale (null for scales outside the loss)
     * @param keepRate mean edge score over valid candidates per step (null without a scorer)
     */
    public record Terms(NDArray total, NDArray[] perScale, NDArray[] keepRate) {}

    private SigmmaLoss() {}

    /**
     * @param out the forward pass
     * @param logScales {@code [3]} learnable log logit scales
     * @param scales the scales in the loss (0 micro, 1 meso, 2 macro)
     * @param maxScale logit scale cap
     * @param keepWeight weight of the keep-rate term (0: none)
     * @param keepTarget its target
     */
    public static Terms compute(ModelOutput out, NDArray logScales, int[] scales, float maxScale,
            float keepWeight, float keepTarget) {
        NDArray total = null;
        NDArray[] per = new NDArray[3];
        for (int s : scales) {
            per[s] = InfoNce.symmetric(out.zImage()[s], out.zSpot()[s], logScales.get(s),
                    maxScale);
            total = total == null ? per[s] : total.add(per[s]);
        }
        NDArray[] keep = new NDArray[2];
        for (int step = 0; step < 2; step++) {
            NDArray logits = out.st().logits()[step];
            if (logits == null) {
                continue;
            }
            NDArray mask = out.st().candidateMasks()[step];
            keep[step] = Activation.sigmoid(logits).mul(mask).sum()
                    .div(mask.sum().maximum(1f));
            if (keepWeight > 0) {
                total = total.add(keep[step].sub(Scalars.of(logits, keepTarget)).square()
                        .mul(Scalars.of(logits, keepWeight)));
            }
        }
        return new Terms(total, per, keep);
    }
}
