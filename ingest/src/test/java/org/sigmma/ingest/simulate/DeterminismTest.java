package org.sigmma.ingest.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.store.TempDirs;

/** A seed fixes everything: the cells, the counts, every pixel and every byte of the bundle, whatever the threads. */
class DeterminismTest {

    @TempDir(factory = TempDirs.Factory.class)
    Path tmp;

    private static final SimulationParameters P = SimulationParameters.of(1200, 120, 42).withDomainScale(140);

    @Test
    void sameSeedSameSection() {
        SimulatedSection a = SectionSimulator.simulate(P);
        SimulatedSection b = SectionSimulator.simulate(P);
        assertArrayEquals(a.cells().ids(), b.cells().ids());
        assertArrayEquals(a.cells().x(), b.cells().x());
        assertArrayEquals(a.cells().y(), b.cells().y());
        assertArrayEquals(a.cells().types(), b.cells().types());
        assertArrayEquals(a.cells().domains(), b.cells().domains());
        assertArrayEquals(a.cells().niches(), b.cells().niches());
        assertArrayEquals(a.cells().contacts(), b.cells().contacts());
        assertArrayEquals(a.counts().indptr(), b.counts().indptr());
        assertArrayEquals(a.counts().indices(), b.counts().indices());
        assertArrayEquals(a.counts().values(), b.counts().values());
        assertArrayEquals(a.controlCounts().values(), b.controlCounts().values());
        assertArrayEquals(a.appearance.nucleusA, b.appearance.nucleusA);
        assertArrayEquals(a.panel().names(), b.panel().names());
        assertEquals(a.image(), b.image());
        assertArrayEquals(new HeRenderer(a).renderRgb(100, 60, 200, 150), new HeRenderer(b).renderRgb(100, 60, 200, 150));
    }

    @Test
    void anotherSeedAnotherSection() {
        SimulatedSection a = SectionSimulator.simulate(P);
        SimulatedSection b = SectionSimulator.simulate(P.withSeed(43));
        assertFalse(java.util.Arrays.equals(a.cells().x(), b.cells().x()));
        assertFalse(java.util.Arrays.equals(a.counts().values(), b.counts().values()));
    }

    @Test
    void tilesDoNotDependOnHowTheImageIsCut() {
        HeRenderer r = new HeRenderer(SectionSimulator.simulate(P));
        byte[] whole = r.renderRgb(40, 30, 300, 200);
        byte[] part = r.renderRgb(140, 130, 100, 50);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 100; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(whole[3 * ((y + 100) * 300 + x + 100) + ch], part[3 * (y * 100 + x) + ch]);
                }
            }
        }
    }

    @Test
    void bundleBytesDoNotDependOnThreads() throws IOException {
        SimulatedSection s = SectionSimulator.simulate(P);
        BundleWriter.WrittenBundle one = BundleWriter.write(s, tmp.resolve("one"), BundleWriter.Options.defaults().withThreads(1), f -> { });
        BundleWriter.WrittenBundle two = BundleWriter.write(s, tmp.resolve("two"), BundleWriter.Options.defaults().withThreads(3), f -> { });
        List<Path> files = one.files();
        assertEquals(files.size(), two.files().size());
        assertTrue(files.size() >= 14, "every file of the bundle: " + files);
        for (Path f : files) {
            Path other = two.dir().resolve(one.dir().relativize(f));
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(other), "bytes of " + one.dir().relativize(f));
        }
    }
}
