package org.sigmma.server;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * Reads and bounds request parameters; a bad one is a 400 naming the parameter, what it must be, and what came.
 */
final class Params {

    /** Longest id or name accepted in a path or query parameter. */
    static final int MAX_ID_LENGTH = 256;
    /** Largest absolute coordinate accepted, in micrometres (a slide is a few centimetres). */
    static final double MAX_COORDINATE = 1e8;

    private Params() {
    }

    static String path(Context ctx, String name) {
        String v = ctx.pathParam(name);
        if (v.isEmpty() || v.length() > MAX_ID_LENGTH) {
            throw ApiException.badRequest("path parameter '" + name + "' must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        return v;
    }

    static int pathInt(Context ctx, String name) {
        String v = ctx.pathParam(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("path parameter '" + name + "' must be an integer, got '" + clip(v) + "'");
        }
    }

    static String optionalString(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.length() > MAX_ID_LENGTH) {
            throw ApiException.badRequest("parameter '" + name + "' must be at most " + MAX_ID_LENGTH + " characters");
        }
        return v;
    }

    static int integer(Context ctx, String name, int defaultValue, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("parameter '" + name + "' must be an integer in " + min + ".." + max + ", got '"
                + clip(v) + "'");
    }

    /** A finite coordinate, or the default when absent. */
    static double coordinate(Context ctx, String name, double defaultValue) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (Double.isFinite(d) && Math.abs(d) <= MAX_COORDINATE) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("parameter '" + name + "' must be a finite number of micrometres (|x| <= "
                + (long) MAX_COORDINATE + "), got '" + clip(v) + "'");
    }

    /** One of the allowed words (case-insensitive), or the default when absent (null: none). */
    static String choice(Context ctx, String name, String defaultValue, List<String> allowed) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        String lower = v.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw ApiException.badRequest("parameter '" + name + "' must be one of " + String.join(", ", allowed)
                    + ", got '" + clip(v) + "'");
        }
        return lower;
    }

    static PageRequest page(Context ctx, ServerConfig config) {
        int offset = integer(ctx, "offset", 0, 0, PageRequest.MAX_OFFSET);
        int limit = integer(ctx, "limit", config.defaultPageSize(), 1, config.maxPageSize());
        return new PageRequest(offset, limit);
    }

    /** The closed box xmin..xmax, ymin..ymax; an absent bound is open (the largest coordinate accepted). */
    static double[] box(Context ctx) {
        double xmin = coordinate(ctx, "xmin", -MAX_COORDINATE);
        double ymin = coordinate(ctx, "ymin", -MAX_COORDINATE);
        double xmax = coordinate(ctx, "xmax", MAX_COORDINATE);
        double ymax = coordinate(ctx, "ymax", MAX_COORDINATE);
        if (xmin > xmax) {
            throw ApiException.badRequest("parameter 'xmin' (" + xmin + ") must not exceed 'xmax' (" + xmax + ")");
        }
        if (ymin > ymax) {
            throw ApiException.badRequest("parameter 'ymin' (" + ymin + ") must not exceed 'ymax' (" + ymax + ")");
        }
        return new double[] {xmin, ymin, xmax, ymax};
    }

    /** Echoes a bad value back without letting a huge one into the response or the log. */
    static String clip(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "...";
    }
}
