package org.sigmma.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resumable optimizer is DJL's AdamW, and a save/restore continues it exactly. */
class ResumableAdamWTest {

    private static final float[] START = {0.5f, -1f, 2f};

    private static float[] grad(int step) {
        return new float[] {0.3f * step, -0.2f, 1f / step};
    }

    /** Manual AdamW (decoupled decay, bias-corrected), for the reader and as a reference. */
    private static float[] manual(int steps, float lr, float wd) {
        double[] w = {START[0], START[1], START[2]};
        double[] mm = new double[3];
        double[] vv = new double[3];
        for (int t = 1; t <= steps; t++) {
            float[] g = grad(t);
            for (int i = 0; i < 3; i++) {
                mm[i] = 0.9 * mm[i] + 0.1 * g[i];
                vv[i] = 0.999 * vv[i] + 0.001 * g[i] * g[i];
                double mHat = mm[i] / (1 - Math.pow(0.9, t));
                double vHat = vv[i] / (1 - Math.pow(0.999, t));
                w[i] = w[i] - lr * (mHat / (Math.sqrt(vHat) + 1e-8) + wd * w[i]);
            }
        }
        return new float[] {(float) w[0], (float) w[1], (float) w[2]};
    }

    @Test
    void matchesDjlAdamWAndAManualAdamW() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(START);
            NDArray b = m.create(START);
            Optimizer djl = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.1f))
                    .optWeightDecays(0.01f).build();
            ResumableAdamW ours = new ResumableAdamW(Tracker.fixed(0.1f), 0.01f, 0);
            for (int t = 1; t <= 4; t++) {
                djl.update("w", a, m.create(grad(t)));
                ours.update("w", b, m.create(grad(t)));
            }
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 1e-7f);
            float[] ref = manual(4, 0.1f, 0.01f);
            assertArrayEquals(ref, b.toFloatArray(), 2e-4f);
            assertEquals(4, ours.steps());
        }
    }

    @Test
    void saveAndRestoreContinueExactly() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray straight = m.create(START);
            ResumableAdamW one = new ResumableAdamW(Tracker.fixed(0.05f), 0.01f, 0);
            for (int t = 1; t <= 6; t++) {
                one.update("w", straight, m.create(grad(t)));
            }
            NDArray resumed = m.create(START);
            ResumableAdamW first = new ResumableAdamW(Tracker.fixed(0.05f), 0.01f, 0);
            for (int t = 1; t <= 3; t++) {
                first.update("w", resumed, m.create(grad(t)));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            first.save(new DataOutputStream(bytes));
            int[] steps = new int[1];
            Map<String, NDArray> moments = ResumableAdamW.read(new DataInputStream(
                    new ByteArrayInputStream(bytes.toByteArray())), m, steps);
            assertEquals(3, steps[0]);
            assertEquals(2, moments.size());
            ResumableAdamW second = new ResumableAdamW(Tracker.fixed(0.05f), 0.01f, steps[0]);
            second.restore(moments);
            for (int t = 4; t <= 6; t++) {
                second.update("w", resumed, m.create(grad(t)));
            }
            assertArrayEquals(straight.toFloatArray(), resumed.toFloatArray(), 0f);
        }
    }
}
