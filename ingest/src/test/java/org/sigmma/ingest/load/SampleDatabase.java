package org.sigmma.ingest.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.StoreSettings;

/**
 * One embedded database per test JVM holding the real Xenium sample (samples/xenium_mouse_brain_ctx_hp) as
 * section "mouse-brain": a fresh store costs ~0.5 GB and ~10 s, so test classes share it. Tests that write
 * other sections use their own names and remove them.
 */
final class SampleDatabase {

    static final Path SAMPLE = Path.of("..", "samples", "xenium_mouse_brain_ctx_hp").toAbsolutePath().normalize();
    static final String SECTION = "mouse-brain";

    private static EmbeddedGraph graph;
    private static IngestReport report;
    private static Path dir;

    private SampleDatabase() {
    }

    static synchronized EmbeddedGraph graph() {
        if (graph == null) {
            try {
                dir = Files.createTempDirectory("sigmma-ingest-test");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            graph = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("data")).withPageCache(128L << 20));
            report = new SectionLoader(graph).ingest(SAMPLE, ReadOptions.defaults(),
                    IngestParameters.defaults().withName(SECTION).withTissue("mouse brain"), ProgressListener.NONE);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                graph.close();
                deleteTree(dir);
            }));
        }
        return graph;
    }

    static synchronized IngestReport report() {
        graph();
        return report;
    }

    static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException ignored) {
            // temp files
        }
    }
}
