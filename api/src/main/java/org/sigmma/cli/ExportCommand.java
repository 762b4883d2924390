package org.sigmma.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.sigmma.export.H5adExport;
import org.sigmma.export.ParquetExport;
import org.sigmma.export.SectionExport;
import org.sigmma.export.SectionExportReader;
import org.sigmma.store.GraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a section's cells and edges to Parquet and AnnData (.h5ad) for analysis outside the platform. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a section's cells (counts, PCA, embeddings, clusters, labels, tiles) and NEAR / LEARNED edges "
                + "to Parquet and AnnData .h5ad.")
public final class ExportCommand implements Callable<Integer> {

    /** Section ids name the files: no path separators or other surprises. */
    private static final Pattern FILE_SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    @Mixin
    StoreOptions store;

    @Option(names = "--section", required = true, description = "section id")
    String section;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--format", defaultValue = "parquet,h5ad", description = "parquet, h5ad or both, comma-separated (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() throws Exception {
        Set<String> formats = formats(format);
        if (!FILE_SAFE.matcher(section).matches()) {
            throw new IllegalArgumentException("--section: '" + section + "' cannot name a file (letters, digits, '.', '_', '-')");
        }
        store.noGds = true;
        try (GraphStore graph = store.store()) {
            long t = System.nanoTime();
            SectionExport s = new SectionExportReader(graph.access()).read(section);
            System.out.printf(Locale.ROOT, "read %,d cells, %,d NEAR and %,d LEARNED edges of %s in %.1f s%n", s.nCells(),
                    s.near().size(), s.learned().size(), section, (System.nanoTime() - t) / 1e9);
            if (formats.contains("parquet")) {
                for (Path p : ParquetExport.write(s, out)) {
                    System.out.println("wrote " + p.toAbsolutePath());
                }
            }
            if (formats.contains("h5ad")) {
                System.out.println("wrote " + H5adExport.write(s, out).toAbsolutePath());
            }
        }
        return 0;
    }

    static Set<String> formats(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : value.split(",")) {
            String v = f.trim().toLowerCase(Locale.ROOT);
            if (!v.equals("parquet") && !v.equals("h5ad")) {
                throw new IllegalArgumentException("--format: '" + f.trim() + "' is not parquet or h5ad");
            }
            out.add(v);
        }
        return out;
    }
}
