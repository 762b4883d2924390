package org.sigmma.ingest.simulate;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import java.util.zip.GZIPOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.sigmma.ingest.expression.SparseCounts;
import org.sigmma.ingest.image.Affine;

/**
 * Writes a simulated section as a Xenium output folder that {@code sigmma ingest} reads as it is: cells.csv.gz, the
 * MEX matrix (genes, then Xenium-like control probes and blank codewords), experiment.xenium, cell_types.csv, a tiled
 * deflate-compressed TIFF H&amp;E image with its 10x {@code *_he_imagealignment.csv} (image pixels -> Xenium pixels),
 * and the truth under truth/.
 */
public final class BundleWriter {

    public static final String IMAGE = "sim_he_image.ome.tif";
    public static final String ALIGNMENT = "sim_he_imagealignment.csv";

    private BundleWriter() {
    }

    public static void write(SimulatedSection s, Path dir, DoubleConsumer progress) {
        try {
            Files.createDirectories(dir.resolve("cell_feature_matrix"));
            Files.createDirectories(dir.resolve("truth"));
            int n = s.nCells();
            SparseCounts c = s.counts();
            try (BufferedWriter w = gz(dir.resolve("cells.csv.gz"))) {
                w.write("cell_id,x_centroid,y_centroid,transcript_counts,control_probe_counts,control_codeword_counts,total_counts,cell_area,nucleus_area\n");
                for (int i = 0; i < n; i++) {
                    long genes = c.librarySize(i);
                    double r = s.type()[i].radiusUm;
                    w.write(String.format(Locale.ROOT, "%d,%.4f,%.4f,%d,%d,%d,%d,%.2f,%.2f%n", i + 1, s.x()[i], s.y()[i], genes,
                            s.controlProbeCounts()[i], 0, genes + s.controlProbeCounts()[i] + s.blankCounts()[i],
                            Math.PI * (1.8 * r) * (1.8 * r), Math.PI * r * r));
                }
            }
            progress.accept(0.1);
            writeMex(s, dir.resolve("cell_feature_matrix"));
            progress.accept(0.3);
            Files.writeString(dir.resolve("experiment.xenium"), String.format(Locale.ROOT,
                    "{\"run_name\": \"sigmma-simulated\", \"panel_num_targets_predesigned\": %d, \"pixel_size\": %s}%n",
                    c.nGenes(), Double.toString(s.parameters().pixelSizeUm())));
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("cell_types.csv"))) {
                w.write("cell_id,label\n");
                for (int i = 0; i < n; i++) {
                    w.write((i + 1) + "," + s.type()[i].label() + "\n");
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("truth").resolve("cells.csv"))) {
                w.write("cell_id,domain,type,contact,niche_immune_share\n");
                for (int i = 0; i < n; i++) {
                    w.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%.4f%n", i + 1, s.domain()[i].name().toLowerCase(Locale.ROOT),
                            s.type()[i].label(), s.contact()[i].name().toLowerCase(Locale.ROOT), s.nicheImmuneShare()[i]));
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("truth").resolve("genes.csv"))) {
                w.write("gene,programme\n");
                for (int gIdx = 0; gIdx < s.geneNames().length; gIdx++) {
                    w.write(s.geneNames()[gIdx] + "," + s.geneProgramme()[gIdx] + "\n");
                }
            }
            SimulationParameters p = s.parameters();
            Files.writeString(dir.resolve("truth").resolve("parameters.json"), String.format(Locale.ROOT,
                    "{\"cells\": %d, \"genes\": %d, \"seed\": %d, \"sideUm\": %.3f, \"macroStrength\": %s, \"mesoStrength\": %s, "
                            + "\"microStrength\": %s, \"arrangementStrength\": %s, \"noise\": %s}%n",
                    n, c.nGenes(), p.seed(), s.sideUm(), p.macroStrength(), p.mesoStrength(), p.microStrength(),
                    p.arrangementStrength(), p.noise()));
            // 10x alignment: image pixels -> Xenium pixels = micrometres / pixel size
            Affine toXeniumPx = Affine.scale(1 / p.pixelSizeUm()).after(s.imageToMicrons());
            double[][] m = toXeniumPx.matrix();
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < 3; r++) {
                sb.append(String.format(Locale.ROOT, "%.10g,%.10g,%.10g%n", m[r][0], m[r][1], m[r][2]));
            }
            Files.writeString(dir.resolve(ALIGNMENT), sb.toString());
            progress.accept(0.4);
            BufferedImage img = HeRenderer.render(s);
            progress.accept(0.8);
            writeTiledTiff(img, dir.resolve(IMAGE));
            progress.accept(1.0);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the simulated bundle to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeMex(SimulatedSection s, Path mex) throws IOException {
        SparseCounts c = s.counts();
        int n = s.nCells();
        int genes = c.nGenes();
        int probes = SectionSimulator.CONTROL_PROBES;
        int blanks = SectionSimulator.BLANKS;
        try (BufferedWriter w = gz(mex.resolve("features.tsv.gz"))) {
            for (int gIdx = 0; gIdx < genes; gIdx++) {
                w.write("SIM" + String.format(Locale.ROOT, "%05d", gIdx) + "\t" + s.geneNames()[gIdx] + "\tGene Expression\n");
            }
            for (int k = 0; k < probes; k++) {
                w.write("NegControlProbe_" + k + "\tNegControlProbe_" + k + "\tNegative Control Probe\n");
            }
            for (int k = 0; k < blanks; k++) {
                w.write("BLANK_" + String.format(Locale.ROOT, "%04d", k) + "\tBLANK_" + String.format(Locale.ROOT, "%04d", k) + "\tBlank Codeword\n");
            }
        }
        try (BufferedWriter w = gz(mex.resolve("barcodes.tsv.gz"))) {
            for (int i = 0; i < n; i++) {
                w.write((i + 1) + "\n");
            }
        }
        long nnz = c.nonZeros();
        for (int i = 0; i < n; i++) {
            nnz += (s.controlProbeCounts()[i] > 0 ? 1 : 0) + (s.blankCounts()[i] > 0 ? 1 : 0);
        }
        try (BufferedWriter w = gz(mex.resolve("matrix.mtx.gz"))) {
            w.write("%%MatrixMarket matrix coordinate integer general\n%metadata_json: {\"software_version\": \"sigmma-simulator\"}\n");
            w.write((genes + probes + blanks) + " " + n + " " + nnz + "\n");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.setLength(0);
                for (int k = c.indptr()[i]; k < c.indptr()[i + 1]; k++) {
                    sb.append(c.indices()[k] + 1).append(' ').append(i + 1).append(' ').append(c.values()[k]).append('\n');
                }
                if (s.controlProbeCounts()[i] > 0) {
                    sb.append(genes + 1 + (i % probes)).append(' ').append(i + 1).append(' ').append(s.controlProbeCounts()[i]).append('\n');
                }
                if (s.blankCounts()[i] > 0) {
                    sb.append(genes + probes + 1 + (i % blanks)).append(' ').append(i + 1).append(' ').append(s.blankCounts()[i]).append('\n');
                }
                w.write(sb.toString());
            }
        }
    }

    /** A tiled (256 x 256), deflate-compressed RGB TIFF through the JDK's TIFF writer. */
    static void writeTiledTiff(BufferedImage img, Path file) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
        ImageWriter writer = null;
        while (writers.hasNext()) {
            ImageWriter candidate = writers.next();
            if (candidate.getClass().getName().startsWith("com.sun.imageio")) {
                writer = candidate;
                break;
            }
            if (writer == null) {
                writer = candidate;
            }
        }
        if (writer == null) {
            throw new IOException("no TIFF writer available");
        }
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
            param.setTiling(256, 256, 0, 0);
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Deflate");
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedWriter gz(Path p) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(p), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
    }
}
