package org.sigmma.ingest.xenium;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.sigmma.ingest.image.Affine;
import org.sigmma.ingest.image.HeImageSource;
import org.sigmma.ingest.image.HeImages;
import org.sigmma.ingest.image.ResolutionCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a 10x Xenium output folder completely and validates it: the cells table ({@link CellTableReader}),
 * the cell-feature matrix (h5 via {@link H5MatrixReader}, else the MEX folder via {@link MexMatrixReader}),
 * experiment.xenium for the pixel size, and optionally per-cell labels and the registered H&amp;E image.
 * The cells table and the matrix must list exactly the same cells; the matrix rows are put in the cells
 * table's order. Every problem is a {@link BundleException} naming the file and field.
 */
public final class XeniumReader {

    private static final Logger LOG = LoggerFactory.getLogger(XeniumReader.class);

    private final ReadOptions options;

    public XeniumReader(ReadOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public XeniumReader() {
        this(ReadOptions.defaults());
    }

    public XeniumBundle read(Path dir) {
        long t0 = System.nanoTime();
        BundleFiles files = BundleFiles.locate(dir, options);
        options.progress().accept(0.02);

        // the cells table (DuckDB), the matrix (jHDF or MEX) and the digest are independent: side by side
        FutureTask<FeatureMatrix> matrixTask = background("xenium-matrix-reader", () -> files.matrixH5().isPresent()
                ? H5MatrixReader.read(files.matrixH5().get())
                : MexMatrixReader.read(files.mexDir().orElseThrow()));
        FutureTask<String> digestTask = background("xenium-digest", () -> BundleDigest.sha256(files.inputs()));
        CellTable cells = CellTableReader.read(files.cells());
        options.progress().accept(0.4);
        FeatureMatrix stored = join(matrixTask);
        options.progress().accept(0.7);
        Path barcodeFile = files.matrixH5().orElseGet(() -> MexMatrixReader.files(files.mexDir().orElseThrow())[2]);
        int[] fromRow = alignRows(cells, files.cells(), stored.barcodes(), barcodeFile);
        CountMatrix matrix = CountMatrix.of(stored).selectRows(fromRow);
        options.progress().accept(0.8);

        double pixelSize = ExperimentFile.DEFAULT_PIXEL_SIZE_UM;
        String pixelSource = "default";
        if (files.experiment().isPresent()) {
            pixelSize = ExperimentFile.pixelSizeUm(files.experiment().get());
            pixelSource = files.experiment().get().toString();
        }
        LOG.info("{}: pixel size {} um from {}", dir, pixelSize,
                files.experiment().isPresent() ? "experiment.xenium" : "the default (no experiment.xenium)");

        Optional<Map<String, String>> labels = files.labels()
                .map(p -> LabelsReader.read(p, new HashSet<>(Arrays.asList(cells.cellIds()))));

        Optional<HeImageSource> image = Optional.empty();
        Optional<Affine> imageToMicrons = Optional.empty();
        if (files.heImage().isPresent()) {
            Affine alignment = Affine.parse10x(files.heAlignment().orElseThrow());
            Affine registered = Affine.scale(pixelSize).after(alignment);
            HeImageSource he = HeImages.open(files.heImage().get());
            Affine toMicrons;
            try {
                toMicrons = ResolutionCheck.reconcile(he.calibration(), registered, files.heImage().get(),
                        files.heAlignment().get(), options.heResolution());
                checkInside(cells, he, toMicrons, files.heAlignment().get(), pixelSize);
            } catch (RuntimeException e) {
                he.close();
                throw e;
            }
            image = Optional.of(he);
            imageToMicrons = Optional.of(toMicrons);
        }
        options.progress().accept(0.9);

        String digest = join(digestTask);
        options.progress().accept(1.0);
        LOG.info("{}: {} cells, {} genes ({} features), {} non-zeros, read in {} ms", dir, cells.size(),
                matrix.nGenes(), stored.features().size(), matrix.counts().nonZeros(), (System.nanoTime() - t0) / 1_000_000);
        return new XeniumBundle(dir, cells, matrix, pixelSize, labels, image, digest, stored.features(), pixelSource,
                imageToMicrons, files.inputs().stream().map(BundleFiles.Input::file).toList());
    }

    /** Runs a step on a daemon thread; a failed read elsewhere leaves it to finish on its own. */
    private static <T> FutureTask<T> background(String name, Callable<T> step) {
        FutureTask<T> task = new FutureTask<>(step);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return task;
    }

    private static <T> T join(FutureTask<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the bundle", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** For each cells-table row, the matrix row of the same cell; fails unless both list the same ids. */
    static int[] alignRows(CellTable cells, Path cellsFile, String[] barcodes, Path matrixFile) {
        Map<String, Integer> rowOf = new HashMap<>(barcodes.length * 2);
        for (int i = 0; i < barcodes.length; i++) {
            Integer before = rowOf.putIfAbsent(barcodes[i], i);
            if (before != null) {
                throw new BundleException(matrixFile, "barcodes", "duplicate barcode \"" + barcodes[i] + "\" at entries "
                        + (before + 1) + " and " + (i + 1));
            }
        }
        String[] ids = cells.cellIds();
        if (ids.length != barcodes.length) {
            throw new BundleException(matrixFile, "barcodes", barcodes.length + " cells in the matrix but " + ids.length
                    + " in " + cellsFile.getFileName() + "; they must list the same cells");
        }
        int[] fromRow = new int[ids.length];
        for (int c = 0; c < ids.length; c++) {
            Integer r = rowOf.get(ids[c]);
            if (r == null) {
                throw new BundleException(matrixFile, "barcodes", "cell id \"" + ids[c] + "\" (row " + (c + 1) + " of "
                        + cellsFile.getFileName() + ") has no matrix column");
            }
            fromRow[c] = r;
        }
        return fromRow;
    }

    private void checkInside(CellTable cells, HeImageSource he, Affine toMicrons, Path alignmentFile,
                             double pixelSize) {
        Affine toImage = toMicrons.inverse();
        int outside = 0;
        int first = -1;
        for (int c = 0; c < cells.size(); c++) {
            double u = toImage.applyX(cells.x()[c], cells.y()[c]);
            double v = toImage.applyY(cells.x()[c], cells.y()[c]);
            if (!(u >= 0 && v >= 0 && u <= he.width() && v <= he.height())) {
                if (first < 0) {
                    first = c;
                }
                outside++;
            }
        }
        if (outside > options.maxFractionOutsideImage() * cells.size()) {
            double u = toImage.applyX(cells.x()[first], cells.y()[first]);
            double v = toImage.applyY(cells.x()[first], cells.y()[first]);
            throw new BundleException(alignmentFile, "matrix", String.format(Locale.ROOT,
                    "%d of %d cells fall outside the %d x %d H&E image under this registration (pixel size %s um); "
                            + "first: cell %s at (%.2f, %.2f) um -> pixel (%.1f, %.1f)",
                    outside, cells.size(), he.width(), he.height(), pixelSize, cells.cellIds()[first],
                    cells.x()[first], cells.y()[first], u, v));
        }
        if (outside > 0) {
            LOG.warn("{}: {} of {} cells fall outside the H&E image (allowed by the options)", alignmentFile, outside, cells.size());
        }
    }
}
