package org.sigmma.store;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.spatial.Point;

/** Turns Neo4j result values (read inside their transaction) (nodes, relationships, points, arrays) into plain JSON-ready values. */
public final class PlainValues {
    private PlainValues() {
    }

    public static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Node n) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("labels", n.getLabels().iterator().hasNext() ? n.getLabels().iterator().next().name() : null);
            m.putAll(props(n));
            return m;
        }
        if (v instanceof Relationship r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", r.getType().name());
            m.putAll(props(r));
            return m;
        }
        if (v instanceof Point p) {
            return p.getCoordinate().getCoordinate();
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, val) -> m.put(String.valueOf(k), plain(val)));
            return m;
        }
        if (v instanceof Iterable<?> it) {
            List<Object> l = new ArrayList<>();
            it.forEach(o -> l.add(plain(o)));
            return l;
        }
        if (v.getClass().isArray()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                l.add(plain(Array.get(v, i)));
            }
            return l;
        }
        return v.toString();
    }

    private static Map<String, Object> props(Entity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        e.getAllProperties().forEach((k, val) -> m.put(k, plain(val)));
        return m;
    }

    public static String text(Object v) {
        Object p = plain(v);
        return p == null ? "" : p.toString();
    }
}
