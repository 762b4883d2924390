package org.sigmma.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The viewer: one static HTML page with plain JavaScript and a canvas, served from the classpath (no build step). It
 * reads the same REST API as any client. Not part of the API, so not in the OpenAPI document.
 */
final class ViewerPage {

    static final String RESOURCES = "/org/sigmma/server/viewer/";
    /** Served path, resource name, content type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/viewer", new String[] {"viewer.html", "text/html; charset=utf-8"},
            "/viewer/viewer.js", new String[] {"viewer.js", "text/javascript; charset=utf-8"},
            "/viewer/viewer.css", new String[] {"viewer.css", "text/css; charset=utf-8"});

    private ViewerPage() {
    }

    static void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect("/viewer"));
        FILES.forEach((path, file) -> {
            byte[] body = resource(file[0]); // read once: a missing file fails the server's start, not a request
            routes.get(path, ctx -> serve(ctx, body, file[1]));
        });
    }

    private static void serve(Context ctx, byte[] body, String contentType) {
        ctx.contentType(contentType).header("Cache-Control", "no-cache").result(body);
    }

    static byte[] resource(String name) {
        try (InputStream in = ViewerPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCES + name + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCES + name, e);
        }
    }
}
