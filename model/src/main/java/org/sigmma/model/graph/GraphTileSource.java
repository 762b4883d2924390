package org.sigmma.model.graph;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.sigmma.model.data.TileSample;
import org.sigmma.model.data.TileSource;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.SectionInfo;
import org.sigmma.store.SectionRepository;
import org.sigmma.store.TileInfo;
import org.sigmma.store.TileRepository;
import org.sigmma.store.TileSubgraph;

/**
 * The trainer's view of the graph: tiles of READY sections by split, each read as its subgraph (cells, features,
 * NEAR edges inside the tile, block ids) with its H&amp;E tile from the data directory. Keeps the cell ids of every
 * tile it served, so results can be written back cell by cell.
 */
public final class GraphTileSource implements TileSource {

    private final TileRepository tiles;
    private final List<String> sections;
    private final Path dataDir;
    private final Map<String, String[]> cellIds = new ConcurrentHashMap<>();
    private final Map<String, String> sectionOfTile = new ConcurrentHashMap<>();
    private final Map<String, Integer> cellCounts = new ConcurrentHashMap<>();

    public GraphTileSource(GraphAccess access, List<String> sections, Path dataDir) {
        this.tiles = new TileRepository(access);
        SectionRepository repo = new SectionRepository(access);
        for (String s : sections) {
            SectionInfo info = repo.section(s).orElseThrow(() -> new IllegalArgumentException("no section " + s));
            if (!info.ready()) {
                throw new IllegalArgumentException("section " + s + " is " + info.status() + ", not READY");
            }
        }
        this.sections = List.copyOf(sections);
        this.dataDir = dataDir;
    }

    /** The sections this source serves. */
    public List<String> sections() {
        return sections;
    }

    @Override
    public List<String> tileIds(String split) {
        List<String> ids = new ArrayList<>();
        for (String s : sections) {
            for (TileInfo t : tiles.tiles(s, split)) {
                ids.add(t.id());
                sectionOfTile.put(t.id(), s);
                cellCounts.put(t.id(), t.nCells());
            }
        }
        return ids;
    }

    @Override
    public TileSample load(String tileId) {
        TileSubgraph g = tiles.subgraph(tileId)
                .orElseThrow(() -> new IllegalArgumentException("no tile " + tileId + " in a READY section"));
        int n = g.nCells();
        int dim = g.features()[0].length;
        float[] features = new float[n * dim];
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(g.features()[i], 0, features, i * dim, dim);
            x[i] = (float) (g.x()[i] - g.tile().x0());
            y[i] = (float) (g.y()[i] - g.tile().y0());
        }
        byte[] rgb = null;
        int size = 0;
        if (g.tile().imageRef() != null) {
            BufferedImage img = readImage(dataDir.resolve(g.tile().imageRef()));
            size = img.getWidth();
            rgb = toRgb(img);
        }
        cellIds.put(tileId, g.cellIds());
        sectionOfTile.put(tileId, g.tile().section());
        return new TileSample(tileId, n, dim, features, g.edgeSource(), g.edgeTarget(), g.microBlock(), g.mesoBlock(),
                x, y, rgb, size, null, null, 0);
    }

    /** From the Tile node listed by {@link #tileIds}: the batch source sizes its padding without loading tiles. */
    @Override
    public int cellCount(String tileId) {
        Integer n = cellCounts.get(tileId);
        return n != null ? n : TileSource.super.cellCount(tileId);
    }

    /** The cell ids of a tile in the order of its last {@link #load}. */
    public String[] cellIds(String tileId) {
        String[] ids = cellIds.get(tileId);
        if (ids == null) {
            throw new IllegalStateException("tile " + tileId + " was not loaded");
        }
        return ids;
    }

    public String sectionOf(String tileId) {
        return sectionOfTile.get(tileId);
    }

    private static BufferedImage readImage(Path p) {
        try {
            if (!Files.exists(p)) {
                throw new IllegalStateException("H&E tile image missing: " + p);
            }
            return ImageIO.read(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("reading H&E tile " + p, e);
        }
    }

    static byte[] toRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        if (w != h) {
            throw new IllegalStateException("H&E tiles are square, got " + w + "x" + h);
        }
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        for (int yy = 0; yy < h; yy++) {
            img.getRGB(0, yy, w, 1, row, 0, w);
            for (int xx = 0; xx < w; xx++) {
                int v = row[xx];
                int o = (yy * w + xx) * 3;
                out[o] = (byte) (v >> 16);
                out[o + 1] = (byte) (v >> 8);
                out[o + 2] = (byte) v;
            }
        }
        return out;
    }
}
