package org.sigmma.store;

import java.lang.management.ManagementFactory;

/** This process's CPU use, for tests that must see work stop (graph-store's test jar). */
public final class ProcessCpu {
    private ProcessCpu() {
    }

    /**
     * Watches one-second windows, at most {@code maxSeconds} of them, until one in which the process used at most
     * {@code maxCores}; returns the cores of the last window watched.
     */
    public static double settle(int maxSeconds, double maxCores) throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double cores = Double.MAX_VALUE;
        for (int i = 0; i < maxSeconds && cores > maxCores; i++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(1000);
            cores = (double) (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
        }
        return cores;
    }
}
