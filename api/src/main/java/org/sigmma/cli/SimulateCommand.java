package org.sigmma.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SectionSimulator;
import org.sigmma.ingest.simulate.SimulatedSection;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.progress.ConsoleProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a simulated Xenium bundle with a paired H&E image and known structure. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a Xenium bundle with a registered H&E image and planted structure at micro, meso and macro scales.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--cells", defaultValue = "20000", description = "cells (default: ${DEFAULT-VALUE})")
    int cells;

    @Option(names = "--genes", defaultValue = "300", description = "genes in the panel, >= 100 (default: ${DEFAULT-VALUE})")
    int genes;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--macro", defaultValue = "1", description = "macro (domain) signal strength (default: ${DEFAULT-VALUE})")
    double macro;

    @Option(names = "--meso", defaultValue = "1", description = "meso (niche) signal strength (default: ${DEFAULT-VALUE})")
    double meso;

    @Option(names = "--micro", defaultValue = "1", description = "micro (cell type) signal strength (default: ${DEFAULT-VALUE})")
    double micro;

    @Option(names = "--arrangement", defaultValue = "1", description = "contact/arrangement signal strength (default: ${DEFAULT-VALUE})")
    double arrangement;

    @Option(names = "--noise", defaultValue = "0.3", description = "expression dispersion and image noise (default: ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--library", defaultValue = "200", description = "mean counts per cell (default: ${DEFAULT-VALUE})")
    int library;

    @Override
    public Integer call() {
        SimulationParameters p = new SimulationParameters(cells, genes, seed, 1.0, 0.2125, 0.5, macro, meso, micro,
                arrangement, noise, library);
        ConsoleProgress progress = new ConsoleProgress(System.out);
        long t = System.nanoTime();
        progress.step("simulate cells and counts", "cells", cells);
        SimulatedSection s = SectionSimulator.simulate(p);
        progress.progress(cells);
        progress.stepDone();
        progress.step("write bundle and H&E image", "percent", 100);
        BundleWriter.write(s, out, f -> progress.progress((long) (f * 100)));
        progress.stepDone();
        System.out.printf(Locale.ROOT, "simulated %,d cells x %d genes on %.0f x %.0f um, H&E %d x %d px, in %.1f s -> %s%n",
                s.nCells(), genes, s.sideUm(), s.sideUm(), s.imageWidth(), s.imageHeight(), (System.nanoTime() - t) / 1e9, out);
        System.out.println("next: sigmma ingest " + out);
        return 0;
    }
}
