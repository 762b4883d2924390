package org.sigmma.cli;

import java.nio.file.Path;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.StoreSettings;
import picocli.CommandLine.Option;

/** Where the embedded database lives and how it is opened; shared by every command that touches the graph. */
public final class StoreOptions {

    @Option(names = "--data", description = "data directory of the embedded database (default: ${DEFAULT-VALUE})",
            defaultValue = "data")
    Path dataDir;

    @Option(names = "--bolt-port", description = "also open the Bolt connector on this loopback port (cypher-shell, Browser, drivers)")
    Integer boltPort;

    @Option(names = "--page-cache-mb", description = "Neo4j page cache in MiB (default: ${DEFAULT-VALUE})", defaultValue = "512")
    int pageCacheMb;

    @Option(names = "--no-gds", description = "do not register the Graph Data Science procedures (faster start)")
    boolean noGds;

    StoreSettings settings() {
        StoreSettings s = StoreSettings.defaults(dataDir).withPageCache((long) pageCacheMb << 20);
        if (boltPort != null) {
            s = s.withBoltPort(boltPort);
        }
        return noGds ? s.withoutGds() : s;
    }

    /** GDS takes seconds to register: skip it for queries that do not call it. */
    StoreOptions withoutGdsUnlessNeeded(String cypher) {
        if (!cypher.toLowerCase(java.util.Locale.ROOT).contains("gds.")) {
            noGds = true;
        }
        return this;
    }

    EmbeddedGraph open() {
        return EmbeddedGraph.open(settings());
    }
}
