package org.sigmma.ingest.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;
import org.sigmma.ingest.expression.SparseCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a simulated section as a Xenium output folder that the Xenium reader takes as it is:
 * <pre>
 * cells.csv.gz, cells.parquet               the cells table
 * cell_feature_matrix.h5                    10x h5 matrix (genes and control features)
 * cell_feature_matrix/                      the same as MEX: matrix.mtx.gz, features.tsv.gz, barcodes.tsv.gz
 * experiment.xenium                         JSON with pixel_size
 * cell_types.csv                            cell_id,label
 * NAME_he_image.ome.tif                     H&amp;E, tiled deflate (Big)TIFF with OME-XML
 * NAME_he_imagealignment.csv                3x3 H&amp;E pixels to Xenium pixels, as Xenium Explorer writes it
 * truth/                                    cells.csv.gz, genes.csv, summary.json, domains.png, he_overview.png
 * </pre>
 */
public final class BundleWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BundleWriter.class);

    /**
     * What to write and how.
     *
     * @param name         prefix of the H&amp;E files
     * @param parquet      also write cells.parquet (the reader prefers it to cells.csv.gz)
     * @param mex          also write the MEX folder
     * @param image        render the H&amp;E image (the costliest part)
     * @param threads      threads for rendering
     * @param overviewSide long side of truth/he_overview.png in pixels
     * @param slide        the H&amp;E as a whole-slide TIFF in this format (BigTIFF, pyramid, compression, tile
     *                     size); null writes the default single-level deflate OME-TIFF
     */
    public record Options(String name, boolean parquet, boolean mex, boolean image, int threads, int overviewSide,
                          SlideTiffWriter.Format slide) {

        public Options {
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("bundle name must be letters, digits, '.', '_' or '-': " + name);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
        }

        public static Options defaults() {
            return new Options("simulated", true, true, true, Runtime.getRuntime().availableProcessors(), 1600, null);
        }

        public Options withName(String n) {
            return new Options(n, parquet, mex, image, threads, overviewSide, slide);
        }

        public Options withParquet(boolean on) {
            return new Options(name, on, mex, image, threads, overviewSide, slide);
        }

        public Options withMex(boolean on) {
            return new Options(name, parquet, on, image, threads, overviewSide, slide);
        }

        public Options withImage(boolean on) {
            return new Options(name, parquet, mex, on, threads, overviewSide, slide);
        }

        public Options withSlide(SlideTiffWriter.Format format) {
            return new Options(name, parquet, mex, image, threads, overviewSide, format);
        }

        public Options withThreads(int n) {
            return new Options(name, parquet, mex, image, n, overviewSide, slide);
        }
    }

    /** What was written: the folder, its files and their total size. */
    public record WrittenBundle(Path dir, java.util.Optional<Path> heImage, java.util.Optional<Path> heAlignment, List<Path> files,
                                long bytes) {
    }

    private BundleWriter() {
    }

    public static WrittenBundle write(SimulatedSection s, Path outDir, DoubleConsumer progress) throws IOException {
        return write(s, outDir, Options.defaults(), progress);
    }

    public static WrittenBundle write(SimulatedSection s, Path outDir, Options o, DoubleConsumer progress) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(outDir);
        Path truth = Files.createDirectories(outDir.resolve("truth"));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        double imageShare = o.image() ? 0.6 : 0;
        double[] done = {0};
        DoubleConsumer step = f -> progress.accept(Math.min(1, done[0] + f));

        Path cellsCsv = outDir.resolve("cells.csv.gz");
        CellsTableWriter.writeCsv(s, cellsCsv);
        if (o.parquet()) {
            CellsTableWriter.writeParquet(cellsCsv, outDir.resolve("cells.parquet"));
        }
        done[0] = 0.05;
        step.accept(0);

        String[] barcodes = s.cells().ids();
        String[][] features = MatrixWriters.features(s.panel());
        SparseCounts all = MatrixWriters.allFeatures(s);
        MatrixWriters.writeH5(outDir.resolve("cell_feature_matrix.h5"), barcodes, features, all);
        done[0] = 0.2;
        step.accept(0);
        if (o.mex()) {
            MatrixWriters.writeMex(outDir.resolve("cell_feature_matrix"), barcodes, features, all);
        }
        all = null;
        done[0] = 0.33;
        step.accept(0);

        ObjectNode experiment = json.createObjectNode();
        experiment.put("major_version", 5);
        experiment.put("minor_version", 0);
        experiment.put("run_name", o.name());
        experiment.put("region_name", o.name() + "_region");
        experiment.put("panel_name", "SIGMMA simulated panel");
        experiment.put("panel_num_targets_predesigned", s.panel().size());
        experiment.put("num_cells", s.cells().size());
        experiment.put("pixel_size", s.parameters().pixelSizeUm());
        experiment.put("analysis_sw_version", "sigmma-simulator");
        experiment.put("instrument_kind", "simulated");
        json.writeValue(outDir.resolve("experiment.xenium").toFile(), experiment);

        try (TextOut out = TextOut.plain(outDir.resolve("cell_types.csv"))) {
            out.text("cell_id,label\n");
            for (int c = 0; c < s.cells().size(); c++) {
                out.text(s.cells().ids()[c]).ch(',').text(s.cells().types()[c].label()).ch('\n');
            }
        }

        Path alignment = outDir.resolve(o.name() + "_he_imagealignment.csv");
        Path image = outDir.resolve(o.name() + "_he_image.ome.tif");
        if (o.image()) {
            double[][] m = s.image().alignment().matrix();
            try (TextOut out = TextOut.plain(alignment)) {
                for (double[] row : m) {
                    out.num(row[0]).ch(',').num(row[1]).ch(',').num(row[2]).ch('\n');
                }
            }
            BufferedImage overview = HeImageWriter.write(s, image, o.threads(), o.overviewSide(), o.slide(),
                    f -> step.accept(imageShare * f));
            TruthWriter.writePng(overview, truth.resolve("he_overview.png"));
        }
        done[0] = 0.33 + imageShare;
        step.accept(0);

        TruthWriter.writeCells(s, truth.resolve("cells.csv.gz"));
        TruthWriter.writeGenes(s, truth.resolve("genes.csv"));
        double mapUm = Math.max(2, Math.max(s.widthUm(), s.heightUm()) / 1200);
        TruthWriter.writePng(TruthWriter.domainMap(s, mapUm), truth.resolve("domains.png"));
        ObjectNode files = json.createObjectNode();
        files.put("cells", "cells.csv.gz");
        files.put("matrix_h5", "cell_feature_matrix.h5");
        files.put("labels", "cell_types.csv");
        if (o.image()) {
            files.put("he_image", image.getFileName().toString());
            files.put("he_alignment", alignment.getFileName().toString());
        }
        files.put("domain_map_um_per_px", mapUm);
        TruthWriter.writeSummary(s, truth.resolve("summary.json"), files);
        progress.accept(1.0);

        List<Path> written = new ArrayList<>();
        long bytes;
        try (Stream<Path> walk = Files.walk(outDir)) {
            walk.filter(Files::isRegularFile).sorted().forEach(written::add);
        }
        bytes = written.stream().mapToLong(p -> {
            try {
                return Files.size(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
        LOG.info("wrote {} ({} files, {} MB) in {} ms", outDir, written.size(), bytes / 1_000_000,
                (System.nanoTime() - t0) / 1_000_000);
        return new WrittenBundle(outDir, o.image() ? java.util.Optional.of(image) : java.util.Optional.empty(),
                o.image() ? java.util.Optional.of(alignment) : java.util.Optional.empty(), written, bytes);
    }
}
