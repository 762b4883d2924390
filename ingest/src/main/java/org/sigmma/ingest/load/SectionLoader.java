package org.sigmma.ingest.load;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.sigmma.ingest.expression.HighlyVariableGenes;
import org.sigmma.ingest.expression.LogNormaliser;
import org.sigmma.ingest.expression.Pca;
import org.sigmma.ingest.expression.PcaModel;
import org.sigmma.ingest.expression.PcaParameters;
import org.sigmma.ingest.expression.SparseCounts;
import org.sigmma.ingest.expression.SparseExpression;
import org.sigmma.ingest.image.Affine;
import org.sigmma.ingest.image.HeCropper;
import org.sigmma.ingest.image.HeImageSource;
import org.sigmma.ingest.neighbours.NeighbourGraph;
import org.sigmma.ingest.neighbours.NeighbourGraphBuilder;
import org.sigmma.ingest.tiling.TileSpec;
import org.sigmma.ingest.tiling.Tiler;
import org.sigmma.ingest.tiling.Tiling;
import org.sigmma.ingest.xenium.CountMatrix;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.ingest.xenium.XeniumBundle;
import org.sigmma.ingest.xenium.XeniumReader;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.GraphStore;
import org.sigmma.store.SectionInfo;
import org.sigmma.store.SectionRepository;
import org.sigmma.store.SectionStatus;
import org.sigmma.store.write.SectionData;
import org.sigmma.store.write.SectionWriter;
import java.util.function.Function;

/**
 * Turns a Xenium bundle into a READY section: read and validate, normalise, neighbour graph, tiles and blocks,
 * H&amp;E tiles, then write. Everything that can fail on bad input runs before the first write, so bad input
 * leaves the database as it was; a failure while writing removes what was written and leaves a FAILED section
 * with the reason. The status flips LOADING -> READY in one last write.
 */
public final class SectionLoader {

    /** Share of a tile's image that must be tissue (not near-white) to keep the tile when an image exists. */
    static final double MIN_TISSUE_FRACTION = 0.5;

    /** How often a loading section's heartbeat is written (a server's sweep waits for a lease of minutes). */
    static final long HEARTBEAT_SECONDS = 20;

    private final GraphStore graph;
    private final SectionRepository sections;
    private final Function<GraphStore, SectionWriter> writers;

    /** Writes through the store's own section writer (the kernel path embedded, Cypher over Bolt). */
    public SectionLoader(GraphStore graph) {
        this(graph, GraphStore::sectionWriter);
    }

    /** With another write path (a test that fails midway, or a benchmark of the Cypher path). */
    public SectionLoader(GraphStore graph, Function<GraphStore, SectionWriter> writers) {
        this.graph = graph;
        this.sections = new SectionRepository(graph.access());
        this.writers = writers;
    }

    public IngestReport ingest(Path bundleDir, ReadOptions options, IngestParameters p, ProgressListener progress) {
        Map<String, Long> steps = IngestReport.steps();
        long t = System.nanoTime();
        String name = p.name() != null ? p.name() : bundleDir.toAbsolutePath().normalize().getFileName().toString();
        String id = IngestParameters.slug(name);

        progress.step("read bundle", "files", 1);
        try (XeniumBundle bundle = new XeniumReader(options).read(bundleDir)) {
            progress.stepDone();
            t = lap(steps, "read", t);

            Optional<SectionInfo> existing = sections.section(id);
            IngestReport.Outcome outcome = IngestReport.Outcome.LOADED;
            if (existing.isPresent()) {
                SectionInfo s = existing.get();
                // the same content is a no-op even with replace: --replace replaces a section whose content differs
                if (s.ready() && bundle.digest().equals(s.sourceDigest())) {
                    progress.info("section " + id + " already holds this bundle (same content digest): nothing to do");
                    return new IngestReport(id, IngestReport.Outcome.UNCHANGED, s.nCells() == null ? 0 : s.nCells().intValue(),
                            s.nGenes(), s.nEdges() == null ? 0 : s.nEdges(), s.nTiles() == null ? 0 : s.nTiles().intValue(),
                            0, steps, heapUsed());
                }
                if (SectionStatus.LOADING.name().equals(s.status())) {
                    throw new IllegalStateException("section " + id + " is being loaded by another job");
                }
                if (s.ready() && !p.replace()) {
                    throw new IllegalStateException("section " + id + " already exists with other content (digest "
                            + abbreviate(s.sourceDigest()) + ", bundle " + abbreviate(bundle.digest())
                            + "): use --replace to replace it, or --name to store it beside");
                }
                outcome = s.ready() ? IngestReport.Outcome.REPLACED : IngestReport.Outcome.LOADED;
            }

            // a READY section is replaced atomically: the new version is written beside it under a staging id
            // (LOADING, unlisted) and swapped in by one transaction, so that the old one stays READY until then
            boolean swap = outcome == IngestReport.Outcome.REPLACED;
            String target = swap ? SectionRepository.stagingId(id) : id;
            Prepared prepared = prepare(bundle, target, name, p, progress, steps);
            t = System.nanoTime();

            // validation is over: from here on, a failure leaves a FAILED section and no cells (or, for a replace,
            // the old section as it was)
            if (existing.isPresent() && !swap) {
                progress.step("remove failed " + id, "sections", 1);
                sections.delete(id);
                progress.stepDone();
            }
            Path imagesFinal = graph.dataDir().resolve(SectionRepository.imageFolder(target));
            try {
                progress.step("write cells and edges", "records", prepared.data.nCells() + (long) prepared.data.nEdges());
                long total = prepared.data.nCells() + (long) prepared.data.nEdges() + prepared.data.tiles().length;
                try (Heartbeat beat = new Heartbeat(target)) {
                    writers.apply(graph).write(prepared.data, f -> progress.progress((long) (f * total)));
                }
                progress.stepDone();
                t = lap(steps, "write", t);
                if (prepared.imageDir != null) {
                    deleteTree(imagesFinal);
                    Files.createDirectories(imagesFinal.getParent());
                    Files.move(prepared.imageDir, imagesFinal, StandardCopyOption.ATOMIC_MOVE);
                }
                if (swap) {
                    progress.step("swap in the new version of " + id, "sections", 1);
                    sections.swap(id, target, SectionRepository.retiredId(id));
                    progress.stepDone();
                } else {
                    sections.setStatus(id, SectionStatus.READY, null);
                }
                lap(steps, "ready", t);
            } catch (RuntimeException | IOException | Error e) {
                if (swap) {
                    discardStaged(target, e);
                } else {
                    fail(id, e, imagesFinal);
                }
                if (prepared.imageDir != null) {
                    deleteTree(prepared.imageDir);
                }
                throw new IngestException(id, "ingest of " + bundleDir + " as section " + id + " failed while writing: "
                        + e.getMessage() + (swap ? " (the new version was discarded; section " + id
                        + " is unchanged and READY)" : " (section marked FAILED, nothing of it is visible)"), e);
            }
            if (swap) {
                sweepRetired(id, progress);
            }
            return new IngestReport(id, outcome, prepared.data.nCells(), prepared.data.genes().length,
                    prepared.data.nEdges(), prepared.data.tiles().length, prepared.tileImages, steps, heapUsed());
        }
    }

    /**
     * Writes the heartbeat of the section being written every {@link #HEARTBEAT_SECONDS} s, so that a sweep over a
     * server (other clients connecting meanwhile) leaves it alone while this process lives.
     */
    private final class Heartbeat implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "sigmma-ingest-heartbeat");
                    t.setDaemon(true);
                    return t;
                });

        Heartbeat(String id) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    sections.heartbeat(id);
                } catch (RuntimeException e) {
                    // a missed beat only shortens the lease; the write itself reports a lost store
                }
            }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** A replace's new version that failed while being written: removed whole, the old section untouched. */
    private void discardStaged(String staging, Throwable cause) {
        try {
            sections.sweep(staging, SectionRepository.imageFolder(staging), graph.dataDir());
        } catch (RuntimeException cleanup) {
            cause.addSuppressed(cleanup);
        }
    }

    /**
     * Removes the version a replace retired. The new one is READY already: a failure here (or a stopped process) only
     * leaves the retired one out of sight, and the next start of the store removes it.
     */
    private void sweepRetired(String id, ProgressListener progress) {
        progress.step("remove the previous version of " + id, "sections", 1);
        try {
            sections.sweepRetired(id, graph.dataDir());
        } catch (RuntimeException e) {
            progress.info("could not remove the previous version of " + id + " yet (" + e.getMessage()
                    + "); it is out of sight, and the next start of the store removes it");
        }
        progress.stepDone();
    }

    private void fail(String id, Throwable cause, Path images) {
        try {
            sections.deleteContent(id);
            if (sections.section(id).isPresent()) {
                sections.setStatus(id, SectionStatus.FAILED, String.valueOf(cause.getMessage()));
            }
            deleteTree(images);
        } catch (RuntimeException cleanup) {
            cause.addSuppressed(cleanup);
        }
    }

    private record Prepared(SectionData data, Path imageDir, int tileImages) {
    }

    /** All computation, before any write: normalisation, features, neighbours, tiles, H&amp;E tile files. */
    private Prepared prepare(XeniumBundle b, String id, String name, IngestParameters p, ProgressListener progress,
                             Map<String, Long> steps) {
        long t = System.nanoTime();
        CountMatrix m = b.matrix();
        SparseCounts counts = m.counts();
        int n = counts.nCells();

        progress.step("normalise + PCA", "cells", n);
        SparseExpression log = LogNormaliser.log1pCp10k(counts);
        int[] hvg = HighlyVariableGenes.select(log, Math.min(p.highlyVariable(), counts.nGenes()));
        java.util.Arrays.sort(hvg);
        int k = Math.max(1, Math.min(p.pcaComponents(), Math.min(hvg.length, n) - 1));
        PcaModel pca = Pca.fit(log, PcaParameters.of(k).withGenes(hvg).withSeed(p.seed()),
                Runtime.getRuntime().availableProcessors(), f -> progress.progress((long) (f * n)));
        float[] features = new float[n * k];
        pca.transformInto(log, features, 0);
        progress.stepDone();
        t = lap(steps, "normalise+pca", t);

        double[] x = b.cells().x();
        double[] y = b.cells().y();
        progress.step("neighbour graph (" + p.neighbours().name().toLowerCase() + ")", "cells", n);
        NeighbourGraph g = NeighbourGraphBuilder.of(x, y).method(p.neighbours(), p.neighbourParam())
                .maxEdgeLength(p.maxEdgeLengthUm()).progress(f -> progress.progress((long) (f * n))).build();
        progress.stepDone();
        progress.info(String.format(java.util.Locale.ROOT, "  %,d edges, %.2f per cell", g.edgeCount(),
                (double) g.edgeCount() / Math.max(1, n)));
        t = lap(steps, "neighbours", t);

        progress.step("tiles and blocks", "cells", n);
        Tiling tiling = Tiler.tile(x, y, p.tiling());
        int[] cellTile = tiling.cellTile().clone();
        int[] micro = tiling.microBlock().clone();
        int[] meso = tiling.mesoBlock().clone();
        TileSpec[] specs = tiling.tiles();
        Path imageDir = null;
        String[] imageRefs = new String[specs.length];
        boolean[] keep = new boolean[specs.length];
        java.util.Arrays.fill(keep, true);
        int tileImages = 0;
        progress.stepDone();
        if (b.image().isPresent() && b.imageToMicrons().isPresent()) {
            imageDir = cutTileImages(id, b.image().get(), b.imageToMicrons().get(), specs, p, imageRefs, keep, progress);
            for (int i = 0; i < specs.length; i++) {
                tileImages += keep[i] ? 1 : 0;
            }
        }
        // drop tiles that are mostly background in the image; renumber the kept ones densely
        int[] newIndex = new int[specs.length];
        int kept = 0;
        for (int i = 0; i < specs.length; i++) {
            newIndex[i] = keep[i] ? kept++ : -1;
        }
        int[] tileCells = new int[kept];
        for (int c = 0; c < n; c++) {
            int ti = cellTile[c] < 0 ? -1 : newIndex[cellTile[c]];
            cellTile[c] = ti;
            if (ti < 0) {
                micro[c] = -1;
                meso[c] = -1;
            } else {
                tileCells[ti]++;
            }
        }
        SectionData.TileRow[] rows = new SectionData.TileRow[kept];
        for (int i = 0; i < specs.length; i++) {
            if (keep[i]) {
                TileSpec s = specs[i];
                rows[newIndex[i]] = new SectionData.TileRow(newIndex[i], s.row(), s.col(), s.x0(), s.y0(), s.sizeUm(),
                        s.split().storageName(), tileCells[newIndex[i]],
                        imageRefs[i] == null ? null : SectionRepository.imageFolder(id) + "/" + imageRefs[i]);
            }
        }
        lap(steps, "tiles", t);

        String[] types = null;
        if (b.labels().isPresent()) {
            Map<String, String> labels = b.labels().get();
            types = new String[n];
            for (int c = 0; c < n; c++) {
                types[c] = labels.get(b.cells().cellIds()[c]);
            }
        }
        double minX = java.util.Arrays.stream(x).min().orElse(0);
        double maxX = java.util.Arrays.stream(x).max().orElse(0);
        double minY = java.util.Arrays.stream(y).min().orElse(0);
        double maxY = java.util.Arrays.stream(y).max().orElse(0);
        Map<String, Object> props = new HashMap<>();
        props.put("neighbours", p.neighbours().name().toLowerCase());
        props.put("neighbourParam", p.neighbourParam());
        props.put("maxEdgeLengthUm", p.maxEdgeLengthUm());
        props.put("umPerPx", p.tiling().umPerPx());
        props.put("minCells", p.tiling().minCells());
        props.put("pcaExplainedVariance", pca.explainedVariance());
        props.put("pixelSizeSource", b.pixelSizeSource());
        props.put("bundle", b.dir().toAbsolutePath().toString());
        props.put("hasImage", b.image().isPresent());
        for (Map.Entry<String, int[]> qc : m.qcCounts().entrySet()) {
            props.put("qc_" + qc.getKey(), java.util.Arrays.stream(qc.getValue()).asLongStream().sum());
        }
        SectionData data = new SectionData(id, name, p.tissue(), b.pixelSizeUm(), p.tiling().tileSizePx(), maxX - minX,
                maxY - minY, m.geneNames(), hvg, b.digest(), b.cells().cellIds(), x, y, cellTile, micro, meso,
                counts.indptr(), counts.indices(), counts.values(), features, k, types, g.source(), g.target(),
                g.distance(), rows, props);
        return new Prepared(data, imageDir, tileImages);
    }

    /** Cuts one PNG per tile into a staging folder (moved into place only when the section is written). */
    private Path cutTileImages(String id, HeImageSource image, Affine imageToMicrons, TileSpec[] specs,
                               IngestParameters p, String[] refs, boolean[] keep, ProgressListener progress) {
        int px = (int) Math.round(p.tiling().tileSizePx());
        Path staging = null;
        try {
            staging = Files.createDirectories(graph.dataDir().resolve("tiles"))
                    .resolve(".staging-" + id + "-" + System.nanoTime());
            Files.createDirectories(staging);
            progress.step("cut H&E tiles", "tiles", specs.length);
            for (int i = 0; i < specs.length; i++) {
                TileSpec s = specs[i];
                BufferedImage tile = HeCropper.crop(image, imageToMicrons, s.x0(), s.y0(), s.sizeUm(), px);
                if (tissueFraction(tile) < MIN_TISSUE_FRACTION) {
                    keep[i] = false;
                    continue;
                }
                refs[i] = s.index() + ".png";
                ImageIO.write(tile, "png", staging.resolve(refs[i]).toFile());
                progress.progress(i + 1);
            }
            progress.stepDone();
            return staging;
        } catch (IOException | RuntimeException e) {
            // a slide that fails mid-way (a corrupt tile) leaves no half-cut tiles behind
            try {
                deleteTree(staging);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new UncheckedIOException("cutting H&E tiles of " + id + ": " + e.getMessage(), (IOException) e);
        }
    }

    /** Share of pixels that are not near-white glass (every channel above 232). */
    static double tissueFraction(BufferedImage img) {
        int tissue = 0;
        int total = 0;
        for (int yy = 0; yy < img.getHeight(); yy += 2) {
            for (int xx = 0; xx < img.getWidth(); xx += 2) {
                int rgb = img.getRGB(xx, yy);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int bl = rgb & 0xFF;
                total++;
                if (r < 232 || g < 232 || bl < 232) {
                    tissue++;
                }
            }
        }
        return total == 0 ? 0 : (double) tissue / total;
    }

    private static long lap(Map<String, Long> steps, String name, long since) {
        long now = System.nanoTime();
        steps.put(name, (now - since) / 1_000_000);
        return now;
    }

    private static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static String abbreviate(String digest) {
        return digest == null ? "none" : digest.substring(0, Math.min(12, digest.length()));
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
