package org.sigmma.model.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Chooses the training device: "auto" takes the first GPU whenever the engine reports one and the
 * CPU otherwise; "cpu", "gpu" and "gpu:N" ask for one explicitly and fail clearly when it is not
 * there. With a CUDA build of libtorch on the classpath, "auto" needs no other change.
 */
public final class DeviceSelector {

    private DeviceSelector() {}

    /** Chooses with the GPU count the default engine reports. */
    public static Device select(String requested) {
        return select(requested, Engine.getInstance().getGpuCount());
    }

    /** The selection logic, testable with any GPU count. */
    public static Device select(String requested, int gpuCount) {
        String r = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        if (r.equals("auto")) {
            return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (r.equals("cpu")) {
            return Device.cpu();
        }
        if (r.equals("gpu") || r.startsWith("gpu:")) {
            int id = 0;
            if (r.startsWith("gpu:")) {
                try {
                    id = Integer.parseInt(r.substring(4));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("device \"" + requested
                            + "\": expected gpu:N with N a number");
                }
            }
            if (id < 0 || id >= gpuCount) {
                throw new IllegalArgumentException("device \"" + requested + "\" asked for GPU "
                        + id + " but the engine reports " + gpuCount + " GPU(s); use a CUDA"
                        + " build of libtorch (see README) or device \"auto\"/\"cpu\"");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("device \"" + requested
                + "\": expected auto, cpu, gpu or gpu:N");
    }
}
