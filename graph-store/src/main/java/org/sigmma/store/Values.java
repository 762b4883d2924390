package org.sigmma.store;

import java.util.List;

/**
 * Reads values that arrive either as embedded Neo4j types (primitive arrays, Long, Double) or as driver types
 * (lists of Long / Double). Keeps the typed repositories free of the difference.
 */
public final class Values {

    private Values() {
    }

    public static long asLong(Object v) {
        if (v == null) {
            throw new IllegalArgumentException("expected a number, got null");
        }
        return ((Number) v).longValue();
    }

    public static int asInt(Object v) {
        return (int) asLong(v);
    }

    public static double asDouble(Object v) {
        if (v == null) {
            return Double.NaN;
        }
        return ((Number) v).doubleValue();
    }

    public static String asString(Object v) {
        return v == null ? null : v.toString();
    }

    public static float[] asFloatArray(Object v) {
        if (v == null) {
            return new float[0];
        }
        if (v instanceof float[] f) {
            return f;
        }
        if (v instanceof double[] d) {
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
            return out;
        }
        if (v instanceof List<?> l) {
            float[] out = new float[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) l.get(i)).floatValue();
            }
            return out;
        }
        throw new IllegalArgumentException("expected a float array, got " + v.getClass().getSimpleName());
    }

    public static int[] asIntArray(Object v) {
        if (v == null) {
            return new int[0];
        }
        if (v instanceof int[] i) {
            return i;
        }
        if (v instanceof long[] l) {
            int[] out = new int[l.length];
            for (int k = 0; k < l.length; k++) {
                out[k] = (int) l[k];
            }
            return out;
        }
        if (v instanceof List<?> l) {
            int[] out = new int[l.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = ((Number) l.get(k)).intValue();
            }
            return out;
        }
        throw new IllegalArgumentException("expected an int array, got " + v.getClass().getSimpleName());
    }

    public static String[] asStringArray(Object v) {
        if (v == null) {
            return new String[0];
        }
        if (v instanceof String[] s) {
            return s;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toArray(String[]::new);
        }
        throw new IllegalArgumentException("expected a string array, got " + v.getClass().getSimpleName());
    }
}
