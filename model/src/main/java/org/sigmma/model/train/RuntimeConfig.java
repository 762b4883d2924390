package org.sigmma.model.train;

/**
 * Where and how fast a training runs; none of it changes what is learned except the seed.
 *
 * @param seed seeds weights, batch order and edge samples
 * @param device "auto" (GPU when DJL sees one), "cpu", "gpu" or "gpu:N" ({@link DeviceSelector})
 * @param prefetch batches prepared ahead
 * @param cacheMegabytes prepared tiles kept in memory up to this size
 * @param padCells cells per padded tile, 0 for the dataset's largest tile
 * @param progressSeconds seconds between progress lines
 * @param cpuThreads libtorch intra-op CPU threads, 0 for the engine default (one per core)
 */
public record RuntimeConfig(
        long seed,
        String device,
        int prefetch,
        int cacheMegabytes,
        int padCells,
        double progressSeconds,
        int cpuThreads) {

    public RuntimeConfig {
        TrainingConfig.require(device != null, "device", "must not be null");
        TrainingConfig.require(prefetch >= 1, "prefetch", "must be >= 1");
        TrainingConfig.require(padCells >= 0, "padCells", "must be >= 0");
        TrainingConfig.require(cpuThreads >= 0, "cpuThreads", "must be >= 0");
    }

    public static RuntimeConfig defaults() {
        return new RuntimeConfig(42, "auto", 2, 1024, 0, 10, 0);
    }
}
