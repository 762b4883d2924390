package org.sigmma.ingest.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.ingest.expression.SparseCounts;
import org.sigmma.ingest.image.Affine;
import org.sigmma.ingest.xenium.CellTable;
import org.sigmma.ingest.xenium.CellTableReader;
import org.sigmma.ingest.xenium.FeatureMatrix;
import org.sigmma.ingest.xenium.H5MatrixReader;
import org.sigmma.ingest.xenium.MexMatrixReader;
import org.sigmma.ingest.xenium.XeniumBundle;
import org.sigmma.ingest.xenium.XeniumReader;
import org.sigmma.store.TempDirs;
import org.w3c.dom.Node;

/** A simulated bundle read back through the Xenium reader and through the format libraries directly. */
class BundleRoundTripTest {

    @TempDir(factory = TempDirs.Factory.class)
    static Path tmp;

    static SimulatedSection section;
    static BundleWriter.WrittenBundle bundle;

    @BeforeAll
    static void write() throws IOException {
        section = SectionSimulator.simulate(SimulationParameters.of(1500, 150, 5).withDomainScale(150));
        bundle = BundleWriter.write(section, tmp.resolve("bundle"), BundleWriter.Options.defaults().withName("sim").withThreads(2),
                f -> { });
    }

    @Test
    void xeniumReaderTakesTheBundleAsItIs() {
        SimulatedCells c = section.cells();
        try (XeniumBundle b = new XeniumReader().read(bundle.dir())) {
            assertArrayEquals(c.ids(), b.cells().cellIds());
            assertArrayEquals(c.x(), b.cells().x(), "centroids read back exactly");
            assertArrayEquals(c.y(), b.cells().y());
            assertEquals(section.panel().size(), b.matrix().nGenes());
            assertArrayEquals(section.panel().ids(), b.matrix().geneIds());
            assertArrayEquals(section.panel().names(), b.matrix().geneNames());
            SparseCounts got = b.matrix().counts();
            SparseCounts want = section.counts();
            assertArrayEquals(want.indptr(), got.indptr());
            assertArrayEquals(want.indices(), got.indices());
            assertArrayEquals(want.values(), got.values());
            Map<String, int[]> qc = b.matrix().qcCounts();
            int[] controls = new int[c.size()];
            for (int i = 0; i < c.size(); i++) {
                controls[i] = (int) section.controlCounts().librarySize(i);
            }
            int[] readControls = new int[c.size()];
            for (int[] v : qc.values()) {
                for (int i = 0; i < v.length; i++) {
                    readControls[i] += v[i];
                }
            }
            assertArrayEquals(controls, readControls, "control and blank counts per cell");
            assertEquals(section.parameters().pixelSizeUm(), b.pixelSizeUm());
            Map<String, String> labels = b.labels().orElseThrow();
            for (int i = 0; i < c.size(); i++) {
                assertEquals(c.types()[i].label(), labels.get(c.ids()[i]));
            }
            double[] transcripts = b.cells().columns().get("transcript_counts");
            for (int i = 0; i < c.size(); i++) {
                assertEquals(want.librarySize(i), transcripts[i]);
            }
            Affine toUm = b.imageToMicrons().orElseThrow();
            assertTrue(toUm.distance(section.image().imageToMicrons()) < 1e-9, toUm + " vs " + section.image().imageToMicrons());
            assertEquals(section.image().width(), b.image().orElseThrow().width());
            assertEquals(section.image().height(), b.image().orElseThrow().height());
            Rectangle r = new Rectangle(301, 257, 140, 90);
            assertSamePixels(new HeRenderer(section).render(r), b.image().orElseThrow().read(r));
        }
    }

    @Test
    void alignmentIsARealRegistrationAsTenXWritesIt() {
        Affine a = Affine.parse10x(bundle.heAlignment().orElseThrow());
        assertTrue(a.distance(section.image().alignment()) < 1e-12);
        double[][] m = a.matrix();
        assertNotEquals(0, m[0][1], 1e-6, "rotated");
        double scale = Math.sqrt(Math.abs(a.determinant()));
        assertEquals(section.parameters().heUmPerPx() / section.parameters().pixelSizeUm(), scale, 1e-9,
                "H&E pixels to morphology pixels");
        assertTrue(Math.abs(m[0][2]) > 1 || Math.abs(m[1][2]) > 1, "offset");
        // every cell lands inside the image under it
        Affine toPx = a.inverse().after(Affine.scale(1 / section.parameters().pixelSizeUm()));
        for (int i = 0; i < section.cells().size(); i++) {
            double u = toPx.applyX(section.cells().x()[i], section.cells().y()[i]);
            double v = toPx.applyY(section.cells().x()[i], section.cells().y()[i]);
            assertTrue(u > 0 && v > 0 && u < section.image().width() && v < section.image().height());
        }
    }

    @Test
    void h5HasTheTenXLayout() throws IOException {
        try (HdfFile h5 = new HdfFile(bundle.dir().resolve("cell_feature_matrix.h5"))) {
            int features = section.panel().size() + section.panel().controlCount();
            assertArrayEquals(new int[] {features, section.cells().size()}, (int[]) h5.getDatasetByPath("/matrix/shape").getDataFlat());
            assertArrayEquals(section.cells().ids(), (String[]) h5.getDatasetByPath("/matrix/barcodes").getDataFlat());
            Dataset types = h5.getDatasetByPath("/matrix/features/feature_type");
            List<String> kinds = List.of((String[]) types.getDataFlat());
            assertEquals(section.panel().size(), kinds.stream().filter("Gene Expression"::equals).count());
            assertEquals(20, kinds.stream().filter("Negative Control Probe"::equals).count());
            assertEquals(41, kinds.stream().filter("Negative Control Codeword"::equals).count());
            assertTrue(kinds.contains("Blank Codeword"));
            assertEquals(long[].class, h5.getDatasetByPath("/matrix/indptr").getDataFlat().getClass());
            assertEquals(int[].class, h5.getDatasetByPath("/matrix/data").getDataFlat().getClass());
            assertEquals(features, ((String[]) h5.getDatasetByPath("/matrix/features/genome").getDataFlat()).length);
            assertEquals(features, ((String[]) h5.getDatasetByPath("/matrix/features/id").getDataFlat()).length);
        }
        FeatureMatrix h5 = H5MatrixReader.read(bundle.dir().resolve("cell_feature_matrix.h5"));
        FeatureMatrix mex = MexMatrixReader.read(bundle.dir().resolve("cell_feature_matrix"));
        assertArrayEquals(h5.barcodes(), mex.barcodes());
        assertArrayEquals(h5.counts().indptr(), mex.counts().indptr(), "MEX and h5 hold the same matrix");
        assertArrayEquals(h5.counts().indices(), mex.counts().indices());
        assertArrayEquals(h5.counts().values(), mex.counts().values());
    }

    @Test
    void parquetAndCsvCellTablesAgree() {
        CellTable csv = CellTableReader.read(bundle.dir().resolve("cells.csv.gz"));
        CellTable parquet = CellTableReader.read(bundle.dir().resolve("cells.parquet"));
        assertArrayEquals(csv.cellIds(), parquet.cellIds());
        assertArrayEquals(csv.x(), parquet.x());
        assertArrayEquals(csv.y(), parquet.y());
        assertEquals(csv.columns().keySet(), parquet.columns().keySet());
        for (String col : csv.columns().keySet()) {
            assertArrayEquals(csv.columns().get(col), parquet.columns().get(col), col);
        }
        double[] total = csv.columns().get("total_counts");
        for (int i = 0; i < csv.size(); i++) {
            assertEquals(section.counts().librarySize(i) + section.controlCounts().librarySize(i), total[i]);
            assertTrue(csv.columns().get("nucleus_area")[i] < csv.columns().get("cell_area")[i]);
        }
    }

    @Test
    void imageIsATiledDeflateTiffReadableByRegion() throws IOException {
        Path tif = bundle.heImage().orElseThrow();
        HeRenderer r = new HeRenderer(section);
        ImageIO.scanForPlugins();
        int readers = 0;
        try (ImageInputStream in = ImageIO.createImageInputStream(tif.toFile())) {
            for (Iterator<ImageReader> it = ImageIO.getImageReaders(in); it.hasNext(); ) {
                ImageReader reader = it.next();
                in.seek(0);
                reader.setInput(in);
                assertEquals(section.image().width(), reader.getWidth(0));
                assertEquals(section.image().height(), reader.getHeight(0));
                assertTrue(reader.isImageTiled(0));
                assertEquals(256, reader.getTileWidth(0));
                assertEquals(256, reader.getTileHeight(0));
                ImageReadParam p = reader.getDefaultReadParam();
                Rectangle region;
                if (reader.getClass().getName().startsWith("com.twelvemonkeys")) {
                    // TwelveMonkeys 3.15 cannot cut a part of a row of tiles from any tiled TIFF that is not
                    // JPEG-compressed (haraldk/TwelveMonkeys#746): it reads full-width bands
                    region = new Rectangle(0, 300, section.image().width(), 70);
                } else {
                    region = new Rectangle(517, 263, 300, 200);
                    assertEquals(8, compression(reader.getImageMetadata(0)), "deflate");
                }
                p.setSourceRegion(region);
                assertSamePixels(r.render(region), reader.read(0, p));
                readers++;
                reader.dispose();
            }
        }
        assertEquals(2, readers, "the JDK's and TwelveMonkeys' TIFF readers");
    }

    @Test
    void truthFilesDescribeEveryCellAndGene() throws IOException {
        Path truth = bundle.dir().resolve("truth");
        List<String> cells = new String(new java.util.zip.GZIPInputStream(Files.newInputStream(truth.resolve("cells.csv.gz")))
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(TruthWriter.CELLS_HEADER, cells.get(0));
        assertEquals(section.cells().size() + 1, cells.size());
        String[] first = cells.get(1).split(",");
        assertEquals(section.cells().ids()[0], first[0]);
        assertEquals(section.cells().types()[0].label(), first[3]);
        List<String> genes = Files.readAllLines(truth.resolve("genes.csv"));
        assertEquals(section.panel().size() + 1, genes.size());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(truth.resolve("summary.json").toFile());
        assertEquals(section.cells().size(), json.at("/section/cells").asInt());
        assertEquals(section.parameters().seed(), json.at("/parameters/seed").asLong());
        int typed = 0;
        for (var it = json.at("/counts/cell_type").elements(); it.hasNext(); ) {
            typed += it.next().asInt();
        }
        assertEquals(section.cells().size(), typed);
        BufferedImage map = ImageIO.read(truth.resolve("domains.png").toFile());
        assertTrue(map.getWidth() > 10 && map.getHeight() > 10);
        assertTrue(Files.size(truth.resolve("he_overview.png")) > 1000);
    }

    private static int compression(IIOMetadata meta) {
        Node root = meta.getAsTree("javax_imageio_tiff_image_1.0");
        return findField(root, "259");
    }

    private static int findField(Node n, String number) {
        if ("TIFFField".equals(n.getNodeName()) && number.equals(n.getAttributes().getNamedItem("number").getNodeValue())) {
            Node shorts = n.getFirstChild();
            return Integer.parseInt(shorts.getFirstChild().getAttributes().getNamedItem("value").getNodeValue());
        }
        for (Node k = n.getFirstChild(); k != null; k = k.getNextSibling()) {
            int v = findField(k, number);
            if (v >= 0) {
                return v;
            }
        }
        return -1;
    }

    static void assertSamePixels(BufferedImage want, BufferedImage got) {
        assertEquals(want.getWidth(), got.getWidth());
        assertEquals(want.getHeight(), got.getHeight());
        for (int y = 0; y < want.getHeight(); y++) {
            for (int x = 0; x < want.getWidth(); x++) {
                int a = want.getRGB(x, y) & 0xFFFFFF;
                int b = got.getRGB(x, y) & 0xFFFFFF;
                if (a != b) {
                    throw new AssertionError("pixel (" + x + ", " + y + "): " + Integer.toHexString(a) + " vs " + Integer.toHexString(b));
                }
            }
        }
    }
}
