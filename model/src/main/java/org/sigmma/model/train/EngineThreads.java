package org.sigmma.model.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Sets libtorch's intra-op CPU threads for the whole process. On a machine shared with other
 * work, one thread can be many times faster than spinning OpenMP threads that fight for the
 * cores, and it makes CPU training bitwise reproducible (multi-threaded convolution backward is
 * not).
 */
public final class EngineThreads {

    private EngineThreads() {}

    /** @param threads intra-op threads; 0 leaves the engine's default (one per core) */
    public static void apply(int threads) {
        if (threads > 0 && "PyTorch".equals(Engine.getInstance().getEngineName())
                && JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }
}
