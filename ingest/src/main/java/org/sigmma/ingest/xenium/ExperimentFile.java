package org.sigmma.ingest.xenium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads {@code pixel_size} (micrometres per morphology-image pixel) from a Xenium {@code experiment.xenium} JSON file. */
public final class ExperimentFile {

    /** The morphology pixel size of Xenium instruments, used when a bundle has no experiment.xenium. */
    public static final double DEFAULT_PIXEL_SIZE_UM = 0.2125;

    private ExperimentFile() {
    }

    public static double pixelSizeUm(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BundleException(file, "json", "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BundleException(file, "file", "cannot read: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new BundleException(file, "json", "expected a JSON object");
        }
        JsonNode px = root.get("pixel_size");
        if (px == null) {
            throw new BundleException(file, "pixel_size", "missing key");
        }
        if (!px.isNumber() || !(px.asDouble() > 0) || !Double.isFinite(px.asDouble())) {
            throw new BundleException(file, "pixel_size", "expected a positive number of micrometres, found " + px);
        }
        return px.asDouble();
    }
}
