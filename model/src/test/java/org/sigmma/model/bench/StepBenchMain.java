package org.sigmma.model.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sigmma.model.data.Batch;
import org.sigmma.model.data.BatchShape;
import org.sigmma.model.data.BatchSource;
import org.sigmma.model.data.InMemoryTileSource;
import org.sigmma.model.data.PreparedTile;
import org.sigmma.model.data.SyntheticTiles;
import org.sigmma.model.data.TilePreparer;
import org.sigmma.model.data.TileSample;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.net.SigmmaNet;
import org.sigmma.model.st.EdgeSampler;
import org.sigmma.model.train.EngineThreads;
import org.sigmma.model.train.ResumableAdamW;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingStep;
import org.sigmma.model.train.WarmupCosine;

/**
 * The Java half of {@code bench/run.sh step} and {@code bench/run.sh parity}: the trainer's own
 * step ({@link TrainingStep}) on simulated tiles at the default size (TrainingConfig.defaults():
 * batch 32, CNN 16-32-64-64 on 32 px crops of 256 px tiles, hidden 64, k = 16; 100-120 cells per
 * tile, 32 node features), with its inputs and weights written for the PyTorch reference
 * (bench/python/sigmma_ref.py).
 *
 * <pre>
 * StepBenchMain step THREADS CONFIG_JSON DIR    writes DIR/batch{i}/ and DIR/params/, then answers
 *                                               "steps K" with "result" and K per-step seconds
 * StepBenchMain parity THREADS CONFIG_JSON DIR  writes DIR/batch0/, DIR/uniforms/, DIR/params/
 *                                               (initial), DIR/params_after/ (after one step) and
 *                                               DIR/parity.json (loss terms before and after)
 * </pre>
 *
 * Each array directory holds one raw little-endian file per array and index.json (name, dtype,
 * shape). Parameter names are DJL's, as {@code net.getParameters()} gives them.
 */
public final class StepBenchMain {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCHES = Integer.getInteger("bench.batches", 4);
    /** The parity step's learning rate (the schedule's peak, so that the step moves the loss). */
    private static final float PARITY_LR = 2e-3f;

    private StepBenchMain() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int threads = Integer.parseInt(args[1]);
        // the PyTorch reference implements the paper's loss: no keep-rate term (the platform's default has one)
        TrainingConfig config = TrainingConfig.defaults().with(Map.of("device", "cpu",
                "cpuThreads", threads, "keepRateWeight", 0.0)).with(args.length > 2 ? args[2] : "{}");
        Path dir = Path.of(args.length > 3 ? args[3] : "bench/work/step");
        Files.createDirectories(dir);
        EngineThreads.apply(threads);
        int batches = mode.equals("parity") ? 1 : BATCHES;
        int b = config.optimiser().batchSize();
        InMemoryTileSource src = new SyntheticTiles(new SyntheticTiles.Spec(batches * b, 0, 0,
                100, 120, 32, 256, 6, 0.5f, 3)).source();
        int pad = config.runtime().padCells() > 0 ? config.runtime().padCells()
                : BatchSource.maxCells(src, TileSource.TRAIN);
        List<TileSample> tiles = src.tiles(TileSource.TRAIN);
        int featureDim = tiles.get(0).featureDim();
        BatchShape shape = BatchShape.of(pad, config.model().candidatesK(), featureDim, config.model().cropSize(),
                0);
        TilePreparer prep = new TilePreparer(config.model().candidatesK(), config.model().cropSize(), false);
        Batch[] bs = new Batch[batches];
        for (int i = 0; i < batches; i++) {
            PreparedTile[] p = new PreparedTile[b];
            for (int j = 0; j < b; j++) {
                p[j] = prep.prepare(tiles.get(i * b + j));
            }
            bs[i] = Batch.assemble(shape, p);
            writeBatch(dir.resolve("batch" + i), bs[i]);
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Engine.getInstance().setRandomSeed((int) config.runtime().seed());
            SigmmaNet net = SigmmaNet.create(config.model(), featureDim, 0, manager);
            ParameterStore ps = new ParameterStore(manager, false);
            writeParams(dir.resolve("params"), net);
            ObjectNode meta = JSON.createObjectNode();
            meta.put("config", config.toJson());
            meta.put("threads", threads);
            meta.put("batches", batches);
            meta.put("cells", pad);
            meta.put("mesoSlots", shape.mesoSlots());
            meta.put("macroSlots", shape.macroSlots());
            meta.put("tau", config.optimiser().tauAt(0));
            if (mode.equals("parity")) {
                parity(config, net, ps, manager, bs[0], dir, meta);
            } else {
                timing(config, net, ps, manager, bs, dir, meta);
            }
        }
    }

    private static void parity(TrainingConfig config, SigmmaNet net, ParameterStore ps,
            NDManager manager, Batch batch, Path dir, ObjectNode meta) throws IOException {
        ResumableAdamW opt = new ResumableAdamW(Tracker.fixed(PARITY_LR),
                (float) config.optimiser().weightDecay(), 0);
        TrainingStep step = new TrainingStep(net, config.optimiser(), ps, manager, opt, "parity run");
        long n = batch.shape().cells();
        NDArray um = manager.randomUniform(EdgeSampler.U_EPS, 1f - EdgeSampler.U_EPS,
                new Shape(batch.size(), n, batch.shape().mesoSlots()));
        NDArray ux = manager.randomUniform(EdgeSampler.U_EPS, 1f - EdgeSampler.U_EPS,
                new Shape(batch.size(), n, batch.shape().macroSlots()));
        ArrayDir u = new ArrayDir(dir.resolve("uniforms"));
        u.add("meso", um);
        u.add("macro", ux);
        u.close();
        float tau = (float) config.optimiser().tauAt(0);
        float[] before = step.run(batch, um, ux, tau, 0, 1);
        writeParams(dir.resolve("params_after"), net);
        float[] after = step.run(batch, um, ux, tau, 0, 2);
        meta.put("lr", PARITY_LR);
        meta.put("weightDecay", config.optimiser().weightDecay());
        ArrayNode a = meta.putArray("before");
        for (float f : before) {
            a.add(f);
        }
        ArrayNode c = meta.putArray("after");
        for (float f : after) {
            c.add(f);
        }
        Files.writeString(dir.resolve("parity.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(meta));
        System.out.printf(Locale.ROOT, "parity loss before %.6f after %.6f%n", before[0],
                after[0]);
    }

    private static void timing(TrainingConfig config, SigmmaNet net, ParameterStore ps,
            NDManager manager, Batch[] bs, Path dir, ObjectNode meta) throws IOException {
        WarmupCosine schedule = new WarmupCosine((float) config.optimiser().learningRate(), 1000,
                config.optimiser().warmupFraction());
        ResumableAdamW opt = new ResumableAdamW(schedule, (float) config.optimiser().weightDecay(), 0);
        TrainingStep step = new TrainingStep(net, config.optimiser(), ps, manager, opt, "benchmark run");
        Files.writeString(dir.resolve("meta.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(meta));
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
                StandardCharsets.UTF_8));
        System.out.println("ready threads=" + config.runtime().cpuThreads() + " cells=" + bs[0].shape()
                .cells());
        System.out.flush();
        int done = 0;
        float tau = (float) config.optimiser().tauAt(0);
        for (String line; (line = in.readLine()) != null; ) {
            String[] cmd = line.trim().split("\\s+");
            if (cmd[0].equals("quit")) {
                return;
            }
            if (cmd[0].equals("phases")) {
                System.out.println(phases(config, net, ps, manager, bs, tau, os,
                        Integer.parseInt(cmd[1])));
                System.out.flush();
                continue;
            }
            if (!cmd[0].equals("steps")) {
                System.out.println("error unknown command " + cmd[0]);
                continue;
            }
            int k = Integer.parseInt(cmd[1]);
            StringBuilder sb = new StringBuilder("result");
            double loss = 0;
            for (int i = 0; i < k; i++) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                float[] r = step.run(bs[done % bs.length], tau, 0, done + 1);
                long t1 = System.nanoTime();
                long cpu1 = os.getProcessCpuTime();
                loss = r[0];
                done++;
                sb.append(String.format(Locale.ROOT, " %.6f:%.6f", (t1 - t0) / 1e9,
                        (cpu1 - cpu0) / 1e9));
            }
            sb.append(String.format(Locale.ROOT, " loss=%.5f", loss));
            System.out.println(sb);
            System.out.flush();
        }
    }

    /**
     * Where a step's CPU time goes: input copy, HE forward, ST forward, loss, backward, gradient
     * norm and update (process CPU seconds, median over k steps; the update is DJL's AdamW).
     */
    private static String phases(TrainingConfig config, SigmmaNet net, ParameterStore ps,
            NDManager manager, Batch[] bs, float tau,
            com.sun.management.OperatingSystemMXBean os, int k) {
        String[] names = {"input", "he", "st", "loss", "backward", "update"};
        double[][] t = new double[names.length][k];
        List<Pair<String, Parameter>> trainable = net.trainable();
        ResumableAdamW opt = new ResumableAdamW(Tracker.fixed(1e-4f), 1e-4f, 0);
        for (int i = 0; i < k; i++) {
            try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                long c0 = os.getProcessCpuTime();
                org.sigmma.model.net.ModelInput in = org.sigmma.model.net.ModelInput.of(
                        bs[i % bs.length], manager);
                long c1 = os.getProcessCpuTime();
                try (ai.djl.training.GradientCollector gc = Engine.getInstance()
                        .newGradientCollector()) {
                    NDArray[] zi = net.he().encode(ps, in.crops(), true);
                    zi[0].getFloat(0, 0);
                    long c2 = os.getProcessCpuTime();
                    org.sigmma.model.st.StOutput so = net.st().encode(ps, in.graph(), true, tau,
                            false);
                    so.z()[2].getFloat(0, 0);
                    long c3 = os.getProcessCpuTime();
                    org.sigmma.model.loss.SigmmaLoss.Terms terms =
                            org.sigmma.model.loss.SigmmaLoss.compute(
                                    new org.sigmma.model.net.ModelOutput(zi, so),
                                    net.logScales(ps, net.device(), true), config.model().lossScales(),
                                    (float) config.model().maxLogitScale(), 0f, 0.5f);
                    terms.total().getFloat();
                    long c4 = os.getProcessCpuTime();
                    gc.backward(terms.total());
                    long c5 = os.getProcessCpuTime();
                    for (Pair<String, Parameter> p : trainable) {
                        NDArray g = p.getValue().getArray().getGradient();
                        opt.update(p.getKey(), p.getValue().getArray(), g);
                        g.subi(g);
                    }
                    long c6 = os.getProcessCpuTime();
                    long[] c = {c0, c1, c2, c3, c4, c5, c6};
                    for (int j = 0; j < names.length; j++) {
                        t[j][i] = (c[j + 1] - c[j]) / 1e9;
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder("result");
        for (int j = 0; j < names.length; j++) {
            double[] v = t[j].clone();
            java.util.Arrays.sort(v);
            sb.append(String.format(Locale.ROOT, " %s=%.4f", names[j], v[k / 2]));
        }
        return sb.toString();
    }

    static void writeParams(Path d, SigmmaNet net) throws IOException {
        ArrayDir out = new ArrayDir(d);
        for (Pair<String, Parameter> p : net.getParameters()) {
            out.add(p.getKey(), p.getValue().getArray());
        }
        out.close();
    }

    static void writeBatch(Path d, Batch b) throws IOException {
        ArrayDir out = new ArrayDir(d);
        long bs = b.size();
        long n = b.shape().cells();
        long f = b.shape().featureDim();
        long km = b.shape().mesoSlots();
        long kx = b.shape().macroSlots();
        int s = b.shape().cropSize();
        out.add("features", b.features(), bs, n, f);
        out.add("mask", b.mask(), bs, n);
        out.add("adjacency", b.adjacency(), bs, n, n);
        out.add("mesoIndex", b.mesoIndex(), bs * n * km);
        out.add("mesoMask", b.mesoMask(), bs, n, km);
        out.add("mesoOnly", b.mesoOnly(), bs, n, km);
        out.add("macroIndex", b.macroIndex(), bs * n * kx);
        out.add("macroMask", b.macroMask(), bs, n, kx);
        out.add("macroMesoSlot", b.macroMesoSlot(), bs, n, kx);
        out.add("macroInMeso", b.macroInMeso(), bs, n, kx);
        out.add("crops", b.crops(), bs, 21, 3, s, s);
        out.close();
    }

    /** A directory of raw little-endian arrays with an index.json. */
    static final class ArrayDir {
        private final Path dir;
        private final ObjectNode index = JSON.createObjectNode();

        ArrayDir(Path dir) throws IOException {
            this.dir = dir;
            Files.createDirectories(dir);
        }

        void add(String name, NDArray a) throws IOException {
            long[] shape = a.getShape().getShape();
            DataType t = a.getDataType();
            if (t == DataType.FLOAT32) {
                add(name, a.toFloatArray(), shape);
            } else if (t == DataType.INT64) {
                add(name, a.toLongArray(), shape);
            } else {
                throw new IllegalArgumentException(name + ": " + t);
            }
        }

        void add(String name, float[] v, long... shape) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(v);
            write(name, "float32", buf.array(), shape);
        }

        void add(String name, long[] v, long... shape) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            buf.asLongBuffer().put(v);
            write(name, "int64", buf.array(), shape);
        }

        void add(String name, byte[] v, long... shape) throws IOException {
            write(name, "uint8", v, shape);
        }

        private void write(String name, String dtype, byte[] bytes, long[] shape)
                throws IOException {
            String file = name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".bin";
            Files.write(dir.resolve(file), bytes);
            ObjectNode e = index.putObject(name);
            e.put("file", file);
            e.put("dtype", dtype);
            ArrayNode s = e.putArray("shape");
            for (long x : shape) {
                s.add(x);
            }
        }

        void close() throws IOException {
            Files.writeString(dir.resolve("index.json"), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(index));
        }
    }
}
