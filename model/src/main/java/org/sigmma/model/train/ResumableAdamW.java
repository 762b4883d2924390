package org.sigmma.model.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.tracker.Tracker;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * DJL's AdamW whose moment estimates can be saved and restored, so that a resumed run continues
 * exactly as an uninterrupted one. DJL keeps the moments private; they pass through {@link
 * #withDefaultState}, called first for the means and then for the variances on every update, which
 * is where they are captured and, after a restore, put back. Parameter ids must be stable names
 * (the trainer passes the block's hierarchical parameter names).
 */
public final class ResumableAdamW extends AdamW {

    private static final String[] ROLES = {"mean", "variance"};

    private final Map<Map<String, Map<Device, NDArray>>, String> roles = new IdentityHashMap<>();
    private final Map<String, NDArray> live = new ConcurrentHashMap<>();
    private final Map<String, NDArray> pending = new HashMap<>();
    private int steps;

    /**
     * @param tracker learning rate schedule
     * @param weightDecay decoupled weight decay
     * @param stepsDone optimizer steps already taken (0 for a fresh run)
     */
    public ResumableAdamW(Tracker tracker, float weightDecay, int stepsDone) {
        super(AdamW.builder().optLearningRateTracker(tracker).optWeightDecays(weightDecay)
                .optBeginNumUpdate(stepsDone));
        this.steps = stepsDone;
    }

    /** Optimizer steps taken so far (including those before a restore). */
    public int steps() {
        return steps;
    }

    @Override
    protected int updateCount(String parameterId) {
        int t = super.updateCount(parameterId);
        steps = Math.max(steps, t);
        return t;
    }

    @Override
    protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key,
            Device device, Function<String, NDArray> defaultFunction) {
        String role = roles.computeIfAbsent(state, s -> ROLES[Math.min(roles.size(), 1)]);
        NDArray restored = pending.remove(role + "/" + key);
        if (restored != null) {
            Map<Device, NDArray> perDevice = new ConcurrentHashMap<>();
            perDevice.put(device, restored.toDevice(device, false));
            state.put(key, perDevice);
        }
        NDArray array = super.withDefaultState(state, key, device, defaultFunction);
        NDScope.unregister(array);
        live.put(role + "/" + key, array);
        return array;
    }

    /** Writes the step count and every moment estimate. */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(steps);
        Map<String, NDArray> sorted = new TreeMap<>(live);
        out.writeInt(sorted.size());
        for (Map.Entry<String, NDArray> e : sorted.entrySet()) {
            byte[] bytes = e.getValue().encode();
            out.writeUTF(e.getKey());
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /** Reads what {@link #save} wrote; returns the step count, moments wait for their update. */
    public static Map<String, NDArray> read(DataInputStream in, NDManager manager, int[] stepsOut)
            throws IOException {
        stepsOut[0] = in.readInt();
        int n = in.readInt();
        Map<String, NDArray> moments = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String key = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            NDArray a = NDArray.decode(manager, bytes);
            NDScope.unregister(a);
            moments.put(key, a);
        }
        return moments;
    }

    /** Hands restored moments to the optimizer; each is used at its parameter's next update. */
    public void restore(Map<String, NDArray> moments) {
        pending.putAll(moments);
    }
}
