package org.sigmma.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SimulatedSection;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.pipeline.Pipeline;
import org.sigmma.progress.ConsoleProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a simulated Xenium bundle with a paired H&amp;E image and known structure (docs/simulator.md). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a Xenium bundle with a registered H&E image and planted structure at micro, meso and macro scales.")
public final class SimulateCommand implements Callable<Integer> {

    private static final SimulationParameters DEFAULTS = SimulationParameters.of(1000, 300, 1);

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--cells", defaultValue = "20000", description = "cells (default: ${DEFAULT-VALUE})")
    int cells;

    @Option(names = "--genes", defaultValue = "300", description = "genes in the panel, >= 100 (default: ${DEFAULT-VALUE})")
    int genes;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--macro", defaultValue = "1", description = "macro (domain) signal strength, both modalities (default: ${DEFAULT-VALUE})")
    double macro;

    @Option(names = "--meso", defaultValue = "1", description = "meso (niche) signal strength (default: ${DEFAULT-VALUE})")
    double meso;

    @Option(names = "--micro", defaultValue = "1", description = "micro (cell type) signal strength (default: ${DEFAULT-VALUE})")
    double micro;

    @Option(names = "--arrangement", defaultValue = "1", description = "contact/arrangement signal strength (default: ${DEFAULT-VALUE})")
    double arrangement;

    @Option(names = "--noise", description = "expression noise: NB dispersion 0.5 x noise (default: 0.4)")
    Double noise;

    @Option(names = "--image-noise", description = "image noise, stain and illumination variation, blur (default: 1)")
    Double imageNoise;

    @Option(names = "--library", description = "median transcripts per cell (default: 200)")
    Integer library;

    @Option(names = "--density", description = "multiplies every domain's cell density (default: 1)")
    Double density;

    @Option(names = "--domain-scale", description = "wavelength scale of the domain fields in um")
    Double domainScaleUm;

    @Option(names = "--he-um-per-px", description = "H&E pixel size in um (default: 0.5)")
    Double heUmPerPx;

    @Option(names = "--rotation", description = "H&E rotation against the Xenium frame in degrees")
    Double rotation;

    @Option(names = "--name", description = "bundle name, the prefix of the H&E files (default: simulated)")
    String name;

    @Option(names = "--threads", description = "image rendering threads (default: all cores)")
    Integer threads;

    @Option(names = "--no-parquet", description = "skip cells.parquet")
    boolean noParquet;

    @Option(names = "--no-mex", description = "skip the MEX matrix folder (the h5 matrix is always written)")
    boolean noMex;

    @Option(names = "--no-image", description = "skip the H&E image and its alignment")
    boolean noImage;

    @Option(names = "--he-slide", description = "write the H&E as a whole-slide TIFF: compression (none|deflate|lzw|packbits|jpeg), "
            + "tile=N or strips=N, levels=N, layout=subifds|chain|aperio, big|classic, quality=Q; "
            + "e.g. jpeg,tile=512,levels=4,layout=subifds,big (default: a single-level deflate OME-TIFF)")
    String heSlide;

    @Override
    public Integer call() throws Exception {
        SimulationParameters d = DEFAULTS;
        SimulationParameters p = new SimulationParameters(cells, genes, seed, or(density, d.density()),
                or(domainScaleUm, d.domainScaleUm()), d.aspectRatio(), d.pixelSizeUm(), or(heUmPerPx, d.heUmPerPx()),
                or(rotation, d.heRotationDeg()), macro, meso, micro, arrangement, or(noise, d.noise()),
                or(imageNoise, d.imageNoise()), library == null ? d.medianLibrarySize() : library);
        BundleWriter.Options o = BundleWriter.Options.defaults().withParquet(!noParquet).withMex(!noMex).withImage(!noImage);
        if (heSlide != null) {
            o = o.withSlide(org.sigmma.ingest.simulate.SlideTiffWriter.Format.parse(heSlide));
        }
        if (name != null) {
            o = o.withName(name);
        }
        if (threads != null) {
            o = o.withThreads(threads);
        }
        ConsoleProgress progress = new ConsoleProgress(System.out);
        long t = System.nanoTime();
        Pipeline.Simulated sim = Pipeline.simulate(p, out, o, progress);
        SimulatedSection s = sim.section();
        BundleWriter.WrittenBundle b = sim.bundle();
        System.out.printf(Locale.ROOT, "simulated %,d cells x %d genes on %.0f x %.0f um: %d files, %.1f MB, in %.1f s -> %s%n",
                s.cells().size(), s.panel().size(), s.widthUm(), s.heightUm(), b.files().size(), b.bytes() / 1e6,
                (System.nanoTime() - t) / 1e9, out);
        System.out.println("next: sigmma ingest " + out);
        return 0;
    }

    private static double or(Double v, double fallback) {
        return v == null ? fallback : v;
    }
}
