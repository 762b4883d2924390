package org.sigmma.pipeline;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.sigmma.ingest.load.IngestReport;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.SectionLoader;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SectionSimulator;
import org.sigmma.ingest.simulate.SimulatedSection;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.model.eval.ProbeParameters;
import org.sigmma.model.graph.GraphTileSource;
import org.sigmma.model.graph.RunEvaluation;
import org.sigmma.model.graph.RunWriteBack;
import org.sigmma.model.graph.TrainingRun;
import org.sigmma.model.microenv.Microenvironment;
import org.sigmma.model.microenv.MicroenvironmentAnalysis;
import org.sigmma.model.microenv.MicroenvironmentParameters;
import org.sigmma.model.microenv.SectionMapRenderer;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingListener;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.progress.ProgressListener;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.GraphStore;
import org.sigmma.store.RunRepository;

/**
 * The main job as Java, over one open graph (embedded or a server): simulate, ingest, train, embed, evaluate, cluster and map, each step
 * what its {@code sigmma} command does without the printing. The commands are adapters from options to these calls;
 * the demo and the benchmark call them in turn on one database instead of reopening it for every step.
 */
public final class Pipeline {

    private final GraphStore graph;
    private final Path dataDir;

    /** Over the store's graph, with its data folder (tile images, run checkpoints and reports live under it). */
    public Pipeline(GraphStore graph) {
        this.graph = graph;
        this.dataDir = graph.dataDir();
    }

    /** A simulated section and the bundle it was written as. */
    public record Simulated(SimulatedSection section, BundleWriter.WrittenBundle bundle) {
    }

    /** A simulated section written as a Xenium bundle under {@code out} (needs no graph). */
    public static Simulated simulate(SimulationParameters p, Path out, BundleWriter.Options options,
                                                      ProgressListener progress) throws IOException {
        progress.step("simulate cells and counts", "percent", 100);
        SimulatedSection s = SectionSimulator.simulate(p, f -> progress.progress((long) (f * 100)));
        progress.stepDone();
        progress.step("write bundle and H&E image", "percent", 100);
        BundleWriter.WrittenBundle b = BundleWriter.write(s, out, options, f -> progress.progress((long) (f * 100)));
        progress.stepDone();
        return new Simulated(s, b);
    }

    /** A bundle to a READY section (or a FAILED one, with its reason). */
    public IngestReport ingest(Path bundle, ReadOptions options, IngestParameters p, ProgressListener progress) {
        return new SectionLoader(graph).ingest(bundle, options, p, progress);
    }

    /** Trains run {@code runId} on the sections' training tiles; checkpoints under {@code runs/<runId>}. */
    public TrainingResult train(String runId, List<String> sections, TrainingConfig config, String command,
                                TrainingListener listener) throws Exception {
        GraphTileSource source = new GraphTileSource(graph.access(), sections, dataDir);
        return new TrainingRun(graph.access(), runId, command, sections).train(config, source, checkpoints(runId), listener);
    }

    /** Where a run's checkpoints go. */
    public Path checkpoints(String runId) {
        return dataDir.resolve("runs").resolve(runId);
    }

    /**
     * Embeddings and learned edges of a trained run written back for these sections (null: the run's own), reported
     * to {@code progress} as one step counted in tiles.
     */
    public RunWriteBack.Report embed(String runId, List<String> sections, String device, int chunk, ProgressListener progress)
            throws Exception {
        RunRepository.RunInfo info = new RunRepository(graph.access()).run(runId)
                .orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        List<String> targets = sections != null ? sections : Arrays.asList(info.sections().split(","));
        GraphTileSource source = new GraphTileSource(graph.access(), targets, dataDir);
        List<String> tiles = source.allTileIds();
        progress.step("embed and write back", "tiles", tiles.size());
        RunWriteBack.Report report = RunWriteBack.run(source, tiles, graph.embeddingWriter(), runId,
                Path.of(info.checkpoint()), device, chunk, progress::progress);
        progress.stepDone();
        return report;
    }

    /** Task 1 and Task 2 of a written-back run; {@code truths}: simulated bundles by section, for planted-pair enrichment. */
    public RunEvaluation.Outcome evaluate(String runId, ProbeParameters probe, String device, Map<String, Path> truths)
            throws Exception {
        return RunEvaluation.evaluate(graph.access(), dataDir, runId, probe, device, RunEvaluation.truths(truths));
    }

    /** Microenvironments of one section from one feature source, written as Cluster nodes and cell properties. */
    public List<Microenvironment> clusters(MicroenvironmentParameters p) {
        graph.requireGds();
        return new MicroenvironmentAnalysis(graph.access()).run(p);
    }

    /** The section coloured by its clusters from {@code source}, with their legend, as {@code sigmma map} draws it. */
    public BufferedImage map(String section, FeatureSource source, int widthPx) {
        MicroenvironmentAnalysis analysis = new MicroenvironmentAnalysis(graph.access());
        MicroenvironmentAnalysis.ClusterMap m = analysis.map(section, source);
        if (m.x().length == 0) {
            throw new IllegalArgumentException("no cells in section " + section);
        }
        var legend = analysis.legend(section, source);
        return SectionMapRenderer.render(m.x(), m.y(), m.cluster(), widthPx,
                section + ": microenvironments (" + source.id() + ")", legend.isEmpty() ? null : legend);
    }

    /** {@link #map} written as a PNG file. */
    public Path writeMap(String section, FeatureSource source, int widthPx, Path target) throws IOException {
        BufferedImage img = map(section, source, widthPx);
        if (target.toAbsolutePath().getParent() != null) {
            Files.createDirectories(target.toAbsolutePath().getParent());
        }
        ImageIO.write(img, "png", target.toFile());
        return target;
    }
}
