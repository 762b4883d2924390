package org.sigmma.model.st;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.sigmma.model.layers.Scalars;

/**
 * Stochastic edge selection: a relaxed Bernoulli (binary Gumbel-softmax) sample of the edge
 * indicator during training, {@code sigmoid((logit + log u - log(1 - u)) / tau)}, which equals the
 * paper's two-class Gumbel-softmax with {@code pi_1 = sigmoid(logit)}; at evaluation the edge is
 * kept exactly when {@code logit > 0}, i.e. {@code s_uv > 0.5}.
 */
public final class EdgeSampler {

    /** How training samples are taken; {@link #key()} is the name in a training config file. */
    public enum Mode {
        /** the relaxed sample itself is the edge weight */
        SOFT("soft"),
        /** straight-through: the forward pass uses the hard 0/1 sample, gradients the relaxed one */
        HARD_STRAIGHT_THROUGH("hard-st");

        private final String key;

        Mode(String key) {
            this.key = key;
        }

        @JsonValue
        public String key() {
            return key;
        }

        @JsonCreator
        public static Mode of(String key) {
            for (Mode m : values()) {
                if (m.key.equals(key)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("training config: edgeSampling must be \"soft\" or \"hard-st\", was "
                    + key);
        }
    }

    /** The uniforms are drawn from {@code [U_EPS, 1 - U_EPS)}. */
    public static final float U_EPS = 1e-6f;

    private EdgeSampler() {}

    /** Edge weights {@code [B, N, K]} for the given logits. */
    public static NDArray sample(NDArray logits, float tau, Mode mode, boolean training) {
        return sample(logits, tau, mode, training, null);
    }

    /**
     * Edge weights {@code [B, N, K]} for the given logits, with the sample's uniforms in
     * {@code (0, 1)} given ({@code [B, N, K]}), or drawn from the engine's generator when null.
     */
    public static NDArray sample(NDArray logits, float tau, Mode mode, boolean training,
            NDArray uniform) {
        if (!training) {
            return logits.gt(0f).toType(logits.getDataType(), false);
        }
        NDArray u = uniform != null ? uniform : logits.getManager().randomUniform(U_EPS,
                1f - U_EPS, logits.getShape(), logits.getDataType(), logits.getDevice());
        NDArray noise = u.log().sub(u.neg().add(1f).log());
        NDArray soft = Activation.sigmoid(logits.add(noise).div(Scalars.of(logits, tau)));
        if (mode == Mode.SOFT) {
            return soft;
        }
        NDArray hard = soft.gt(0.5f).toType(soft.getDataType(), false);
        return hard.sub(soft.stopGradient()).add(soft);
    }
}
