package org.sigmma.model.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link TileSource} over tiles held in memory, split by name. */
public final class InMemoryTileSource implements TileSource {

    private final Map<String, List<String>> idsBySplit = new LinkedHashMap<>();
    private final Map<String, TileSample> byId = new HashMap<>();

    /** Builds the source; a tile id may occur only once across splits. */
    public InMemoryTileSource(Map<String, List<TileSample>> tilesBySplit) {
        for (Map.Entry<String, List<TileSample>> e : tilesBySplit.entrySet()) {
            List<String> ids = new ArrayList<>();
            for (TileSample t : e.getValue()) {
                if (byId.put(t.tileId(), t) != null) {
                    throw new IllegalArgumentException("tile id " + t.tileId()
                            + " occurs twice (split " + e.getKey() + ")");
                }
                ids.add(t.tileId());
            }
            idsBySplit.put(e.getKey(), Collections.unmodifiableList(ids));
        }
    }

    @Override
    public List<String> tileIds(String split) {
        return idsBySplit.getOrDefault(split, List.of());
    }

    @Override
    public TileSample load(String tileId) {
        TileSample t = byId.get(tileId);
        if (t == null) {
            throw new IllegalArgumentException("no tile with id " + tileId);
        }
        return t;
    }

    /** All tiles of a split, in order. */
    public List<TileSample> tiles(String split) {
        List<TileSample> out = new ArrayList<>();
        for (String id : tileIds(split)) {
            out.add(byId.get(id));
        }
        return out;
    }
}
