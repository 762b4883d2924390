package org.sigmma.model.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.sigmma.model.net.SigmmaNet;

/**
 * The checkpoint directory of a run.
 *
 * <pre>
 * config.json, dataset.json       the run's configuration and dataset facts
 * epoch-0003/model.params         weights (DJL block format) after epoch 3
 * epoch-0003/optimizer.bin        AdamW step count and moments
 * epoch-0003/state.json           epochs done, best validation recall, metrics so far
 * best/model.params               weights of the best validation epoch
 * </pre>
 *
 * Each epoch is written to a temporary folder and renamed into place, so a process killed while
 * writing leaves the previous checkpoint intact; only the newest epoch folder is kept.
 */
public final class Checkpoints {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public Checkpoints(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the run's configuration and dataset facts (once, at the start). */
    public void writeRun(TrainingConfig config, DatasetInfo info) throws IOException {
        Files.createDirectories(dir);
        atomicWrite(dir.resolve("config.json"), config.toJson());
        atomicWrite(dir.resolve("dataset.json"), JSON.writeValueAsString(info));
    }

    public Optional<TrainingConfig> readConfig() throws IOException {
        Path p = dir.resolve("config.json");
        return Files.isRegularFile(p) ? Optional.of(TrainingConfig.fromJson(Files.readString(p)))
                : Optional.empty();
    }

    public DatasetInfo readDataset() throws IOException {
        Path p = dir.resolve("dataset.json");
        if (!Files.isRegularFile(p)) {
            throw new IOException("checkpoint " + dir + " has no dataset.json");
        }
        return JSON.readValue(p.toFile(), DatasetInfo.class);
    }

    /** The newest complete epoch folder, if any. */
    public Optional<Path> latest() throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch-\\d{4}"))
                    .filter(p -> Files.isRegularFile(p.resolve("state.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        }
    }

    /** The weights to serve: the best validation epoch, else the newest epoch. */
    public Path servingParams() throws IOException {
        Path best = dir.resolve("best").resolve("model.params");
        if (Files.isRegularFile(best)) {
            return best;
        }
        return latest().map(p -> p.resolve("model.params")).orElseThrow(
                () -> new IOException("no checkpoint in " + dir));
    }

    /** Saves an epoch; returns its folder. */
    public Path save(int epoch, SigmmaNet net, ResumableAdamW optimizer, CheckpointState state,
            boolean best) throws IOException {
        String name = String.format("epoch-%04d", epoch);
        Path tmp = dir.resolve(name + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        writeParams(tmp.resolve("model.params"), net);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(tmp.resolve("optimizer.bin"))))) {
            optimizer.save(out);
        }
        Files.writeString(tmp.resolve("state.json"), JSON.writeValueAsString(state));
        Path target = dir.resolve(name);
        deleteTree(target);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        if (best) {
            Path bestTmp = dir.resolve("best.tmp");
            deleteTree(bestTmp);
            Files.createDirectories(bestTmp);
            Files.copy(target.resolve("model.params"), bestTmp.resolve("model.params"));
            Path bestDir = dir.resolve("best");
            deleteTree(bestDir);
            Files.move(bestTmp, bestDir, StandardCopyOption.ATOMIC_MOVE);
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("epoch-\\d{4}"))
                    .filter(p -> !p.equals(target)).toList()) {
                deleteTree(p);
            }
        }
        return target;
    }

    public CheckpointState readState(Path epochDir) throws IOException {
        return JSON.readValue(epochDir.resolve("state.json").toFile(), CheckpointState.class);
    }

    /** Loads an epoch's optimizer file: the step count and the moments. */
    public Map<String, NDArray> readOptimizer(Path epochDir, NDManager manager, int[] steps)
            throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(epochDir.resolve("optimizer.bin"))))) {
            return ResumableAdamW.read(in, manager, steps);
        }
    }

    static void writeParams(Path file, SigmmaNet net) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(file)))) {
            net.saveParameters(out);
        }
    }

    /** Loads weights into a model built with the same configuration. */
    public static void readParams(Path file, SigmmaNet net, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(file)))) {
            net.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("weights " + file + " do not fit this model: " + e.getMessage(),
                    e);
        }
        // loaded arrays arrive without autograd; trainable ones need it back
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    private static void atomicWrite(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Lists the epoch folders (for tests and tools). */
    public List<Path> epochs() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch-\\d{4}")).sorted()
                    .toList();
        }
    }
}
