package org.sigmma.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sigmma.pipeline.Pipeline;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.GraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Renders the map of a section coloured by microenvironment to a PNG. */
@Command(name = "map", mixinStandardHelpOptions = true, description = "Render a section coloured by microenvironment (PNG).")
public final class MapCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--section", required = true, description = "section id")
    String section;

    @Option(names = "--scale", defaultValue = "expression", description = "expression | micro | meso | macro (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--out", description = "output PNG (default: <section>-<scale>.png)")
    Path out;

    @Option(names = "--width", defaultValue = "1200", description = "map width in pixels (default: ${DEFAULT-VALUE})")
    int width;

    @Override
    public Integer call() throws Exception {
        FeatureSource s = FeatureSource.parse(scale);
        Path target = out != null ? out : Path.of(section + "-" + s.id() + ".png");
        store.noGds = true;
        try (GraphStore graph = store.store()) {
            new Pipeline(graph).writeMap(section, s, width, target);
            System.out.println("wrote " + target.toAbsolutePath());
        }
        return 0;
    }
}
