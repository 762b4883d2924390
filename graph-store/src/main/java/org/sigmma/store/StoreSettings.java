package org.sigmma.store;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * How to open the embedded graph: where it lives, how much page cache it gets, whether the Bolt connector is
 * opened for Neo4j clients (cypher-shell, Browser, the official drivers) and whether GDS is registered.
 */
public record StoreSettings(Path dataDir, long pageCacheBytes, OptionalInt boltPort, boolean registerGds) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public static StoreSettings defaults(Path dataDir) {
        return new StoreSettings(dataDir, 512L << 20, OptionalInt.empty(), true);
    }

    public StoreSettings withBoltPort(int port) {
        return new StoreSettings(dataDir, pageCacheBytes, OptionalInt.of(port), registerGds);
    }

    public StoreSettings withPageCache(long bytes) {
        return new StoreSettings(dataDir, bytes, boltPort, registerGds);
    }

    public StoreSettings withoutGds() {
        return new StoreSettings(dataDir, pageCacheBytes, boltPort, false);
    }
}
