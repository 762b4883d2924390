package org.sigmma.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.IngestReport;
import org.sigmma.ingest.neighbours.NeighbourMethod;
import org.sigmma.ingest.tiling.TilingParameters;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.pipeline.Pipeline;
import org.sigmma.progress.ConsoleProgress;
import org.sigmma.store.GraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Ingests one Xenium output folder as a section. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingest a 10x Xenium output folder (cells, matrix, optional H&E and labels) as a section.")
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", description = "the Xenium bundle folder")
    Path bundle;

    @Option(names = "--name", description = "section name (default: the folder name)")
    String name;

    @Option(names = "--tissue", description = "tissue label stored on the section")
    String tissue;

    @Option(names = "--neighbours", defaultValue = "delaunay", description = "delaunay | knn | radius (default: ${DEFAULT-VALUE})")
    String neighbours;

    @Option(names = "--k", defaultValue = "6", description = "k for --neighbours knn (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--radius-um", defaultValue = "30", description = "radius for --neighbours radius (default: ${DEFAULT-VALUE})")
    double radius;

    @Option(names = "--max-edge-um", defaultValue = "30", description = "prune neighbour edges longer than this (default: ${DEFAULT-VALUE})")
    double maxEdge;

    @Option(names = "--hvg", defaultValue = "2000", description = "highly variable genes for PCA (default: ${DEFAULT-VALUE})")
    int hvg;

    @Option(names = "--pca", defaultValue = "64", description = "PCA features per cell (default: ${DEFAULT-VALUE})")
    int pca;

    @Option(names = "--tile-px", defaultValue = "256", description = "tile side in pixels (default: ${DEFAULT-VALUE})")
    double tilePx;

    @Option(names = "--um-per-px", defaultValue = "0.5", description = "tile pixel size in micrometres (default: ${DEFAULT-VALUE})")
    double umPerPx;

    @Option(names = "--min-cells", defaultValue = "5", description = "drop tiles with fewer cells (default: ${DEFAULT-VALUE})")
    int minCells;

    @Option(names = "--labels", description = "cell-type labels CSV (cell_id,label); found in the folder when omitted")
    Path labels;

    @Option(names = "--he-image", description = "H&E image (TIFF, OME-TIFF, PNG); found in the folder when omitted")
    Path heImage;

    @Option(names = "--he-alignment", description = "10x *_he_imagealignment.csv (3x3 affine, image pixels -> Xenium pixels)")
    Path heAlignment;

    @Option(names = "--he-resolution", defaultValue = "check", description = "when the H&E file's own pixel size "
            + "(OME PhysicalSizeX/Y, Aperio MPP, TIFF resolution) and the registration's disagree by more than 3%: "
            + "check (fail, naming both), registration (trust the alignment) or file (rescale the alignment to the file) "
            + "(default: ${DEFAULT-VALUE})")
    String heResolution;

    @Option(names = "--seed", defaultValue = "42", description = "seed of PCA and the spatial split (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--replace", description = "replace a section of the same name whose content differs")
    boolean replace;

    @Override
    public Integer call() throws java.io.IOException {
        NeighbourMethod method = switch (neighbours.toLowerCase(Locale.ROOT)) {
            case "delaunay" -> NeighbourMethod.DELAUNAY;
            case "knn" -> NeighbourMethod.KNN;
            case "radius" -> NeighbourMethod.RADIUS;
            default -> throw new IllegalArgumentException("--neighbours must be delaunay, knn or radius, not '" + neighbours + "'");
        };
        double param = method == NeighbourMethod.KNN ? k : method == NeighbourMethod.RADIUS ? radius : 0;
        double prune = method == NeighbourMethod.RADIUS ? Math.max(maxEdge, radius) : maxEdge;
        IngestParameters p = IngestParameters.defaults().withName(name).withTissue(tissue)
                .withNeighbours(method, param, prune).withFeatures(hvg, pca)
                .withTiling(TilingParameters.defaults().withTileSize(tilePx, umPerPx).withMinCells(minCells).withSeed(seed))
                .withReplace(replace).withSeed(seed);
        ReadOptions options = ReadOptions.defaults().withHeResolution(
                org.sigmma.ingest.image.ResolutionCheck.Trust.valueOf(heResolution.toUpperCase(java.util.Locale.ROOT)));
        if (labels != null) {
            options = options.withLabels(labels);
        }
        if (heImage != null) {
            options = options.withHeImage(heImage, heAlignment);
        }
        ConsoleProgress progress = new ConsoleProgress(System.out);
        long start = System.nanoTime();
        try (GraphStore graph = store.store()) {
            IngestReport r = new Pipeline(graph).ingest(bundle, options, p, progress);
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "section %s: %s, %,d cells, %d genes, %,d edges (%.2f per cell), %d tiles, "
                            + "%d H&E tiles, %.1f s (ingest %.1f s), heap used %d MiB%n",
                    r.sectionId(), r.outcome(), r.cells(), r.genes(), r.edges(), r.edgesPerCell(), r.tiles(), r.tileImages(),
                    secs, r.totalMillis() / 1e3, r.heapUsedBytes() >> 20);
            System.out.println("steps (ms): " + r.stepMillis());
        }
        return 0;
    }
}
