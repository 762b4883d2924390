package org.sigmma.ingest.xenium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which files of a Xenium output folder (and of the read options) make up one section. */
record BundleFiles(Path cells, Optional<Path> matrixH5, Optional<Path> mexDir, Optional<Path> experiment,
                   Optional<Path> labels, Optional<Path> heImage, Optional<Path> heAlignment) {

    private static final Logger LOG = LoggerFactory.getLogger(BundleFiles.class);

    static BundleFiles locate(Path dir, ReadOptions o) {
        if (!Files.isDirectory(dir)) {
            throw new BundleException(dir, "directory", "missing or not a directory");
        }
        List<Path> files = list(dir);
        Path cells = first(dir, "cells.parquet", "cells.csv.gz", "cells.csv")
                .or(() -> single(dir, files, n -> n.endsWith("_cells.parquet") || n.endsWith("_cells.csv.gz")))
                .orElseThrow(() -> new BundleException(dir.resolve("cells.csv.gz"), "file",
                        "missing (no cells.csv.gz, cells.csv or cells.parquet in the bundle)"));

        Optional<Path> h5 = first(dir, "cell_feature_matrix.h5")
                .or(() -> single(dir, files, n -> n.endsWith("_cell_feature_matrix.h5")));
        Optional<Path> mex = Optional.empty();
        if (h5.isEmpty()) {
            Path mexDir = dir.resolve("cell_feature_matrix");
            Path mtx = MexMatrixReader.files(mexDir)[0];
            if (!Files.isRegularFile(mtx)) {
                throw new BundleException(dir.resolve("cell_feature_matrix.h5"), "file",
                        "missing, and the MEX folder has no " + dir.relativize(mtx) + " either");
            }
            mex = Optional.of(mexDir);
        }
        Optional<Path> experiment = first(dir, "experiment.xenium");

        Optional<Path> labels = o.labelsCsv();
        Optional<Path> image = o.heImage();
        Optional<Path> alignment = o.heAlignmentCsv();
        if (o.discover()) {
            if (labels.isEmpty()) {
                labels = first(dir, "cell_types.csv", "cell_types.csv.gz")
                        .or(() -> firstOf(dir, files, n -> n.contains("labels") && (n.endsWith(".csv") || n.endsWith(".csv.gz"))));
            }
            if (image.isEmpty()) {
                image = firstOf(dir, files, n -> (n.contains("_he_image") && (n.endsWith(".ome.tif") || n.endsWith(".ome.tiff")))
                        || n.matches("he_image\\.(ome\\.)?(tif|tiff|png|jpg|jpeg)"));
            }
            if (alignment.isEmpty()) {
                alignment = firstOf(dir, files, n -> n.endsWith("he_imagealignment.csv"));
            }
        }
        if (image.isPresent() && alignment.isEmpty()) {
            throw new BundleException(image.get(), "alignment", "an H&E image needs its *_he_imagealignment.csv "
                    + "(H&E pixels to morphology pixels); none was given or found in " + dir);
        }
        if (alignment.isPresent() && image.isEmpty()) {
            LOG.warn("{}: an H&E alignment without an image; ignored", alignment.get());
            alignment = Optional.empty();
        }
        return new BundleFiles(cells, h5, mex, experiment, labels, image, alignment);
    }

    /** The input files with a role name each, in the fixed order the digest uses. */
    /** One input file and the part it plays. */
    record Input(String role, Path file) {
    }

    List<Input> inputs() {
        List<Input> out = new ArrayList<>();
        out.add(new Input("cells", cells));
        matrixH5.ifPresent(p -> out.add(new Input("matrix.h5", p)));
        mexDir.ifPresent(d -> {
            Path[] f = MexMatrixReader.files(d);
            out.add(new Input("matrix.mtx", f[0]));
            out.add(new Input("features.tsv", f[1]));
            out.add(new Input("barcodes.tsv", f[2]));
        });
        experiment.ifPresent(p -> out.add(new Input("experiment.xenium", p)));
        labels.ifPresent(p -> out.add(new Input("labels", p)));
        heImage.ifPresent(p -> out.add(new Input("he_image", p)));
        heAlignment.ifPresent(p -> out.add(new Input("he_alignment", p)));
        return out;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new BundleException(dir, "directory", "cannot list: " + e, e);
        }
    }

    private static Optional<Path> first(Path dir, String... names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> single(Path dir, List<Path> files, Predicate<String> name) {
        List<Path> hits = files.stream().filter(p -> name.test(p.getFileName().toString().toLowerCase(Locale.ROOT))).toList();
        if (hits.size() > 1) {
            throw new BundleException(dir, "directory", "several candidate files, cannot choose: " + hits);
        }
        return hits.stream().findFirst();
    }

    private static Optional<Path> firstOf(Path dir, List<Path> files, Predicate<String> name) {
        List<Path> hits = files.stream().filter(p -> name.test(p.getFileName().toString().toLowerCase(Locale.ROOT))).toList();
        if (hits.size() > 1) {
            LOG.warn("{}: several candidates {}, using {}", dir, hits, hits.get(0));
        }
        return hits.stream().findFirst();
    }
}
