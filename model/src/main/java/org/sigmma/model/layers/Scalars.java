package org.sigmma.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for arithmetic that autograd differentiates.
 *
 * <p>DJL's PyTorch engine turns a Java number operand ({@code x.mul(2f)}, {@code x.maximum(eps)})
 * into a tensor over a direct buffer without copying and closes it right after the operation.
 * Autograd keeps that tensor for the backward pass of mul, div, maximum and minimum, and once the
 * garbage collector frees the buffer the backward pass reads freed memory: gradients turn into
 * garbage (seen here as norms of 1e32 at random steps). A scalar made by {@code full} lives in
 * libtorch's own reference-counted memory, so autograd keeps it alive.
 */
public final class Scalars {

    private Scalars() {}

    /** A 0-d tensor of value {@code v} with {@code like}'s type and device. */
    public static NDArray of(NDArray like, double v) {
        return like.getManager().full(new Shape(), (float) v, like.getDataType(),
                like.getDevice());
    }
}
