package org.sigmma.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Declares routes on Javalin and remembers them (a test holds the OpenAPI document to every route). JSON GET routes
 * return their value; it is rendered once per database state: cached in a {@link ResponseCache} under the last
 * committed transaction id, and tagged with an ETag of that id so that a client holding it gets 304. A cache hit is
 * answered on Jetty's thread; everything that does work (a cache fill, a POST) runs within the {@link RequestBudget}.
 */
final class Routes {

    /** One declared route, e.g. GET /api/sections/{id}. */
    record Route(String method, String path) {
    }

    /** A route whose answer is a value rendered as JSON. */
    interface JsonHandler {
        Object handle(Context ctx) throws Exception;
    }

    private final RoutesConfig routes;
    private final ObjectMapper json;
    private final ResponseCache cache;
    private final LongSupplier generation;
    private final RequestBudget budget;
    private final String etagPrefix;
    private volatile Consumer<String> fillListener = key -> { };
    private final List<Route> declared = new ArrayList<>();

    /**
     * @param generation the database's last committed transaction id, or a negative value when unknown (no caching,
     *                   no ETag)
     */
    Routes(RoutesConfig routes, ObjectMapper json, ResponseCache cache, LongSupplier generation, RequestBudget budget) {
        this.routes = routes;
        this.json = json;
        this.cache = cache;
        this.generation = generation;
        this.budget = budget;
        // one server's tags never match another's (limits and defaults may differ between runs)
        this.etagPrefix = "\"" + Long.toHexString(System.nanoTime() ^ System.identityHashCode(this)) + "-";
    }

    /** A route whose answer is already encoded bytes (an image). */
    interface BytesHandler {
        byte[] handle(Context ctx) throws Exception;
    }

    /** A JSON GET whose answer depends only on the path, the query string and the database. */
    void get(String path, JsonHandler handler) {
        cached(path, "application/json", ctx -> json.writeValueAsBytes(handler.handle(ctx)));
    }

    /** A PNG GET whose answer depends only on the path, the query string, the database and the files it points to. */
    void getPng(String path, BytesHandler handler) {
        cached(path, "image/png", handler);
    }

    /** Told the cache key of each GET that is computed rather than served from the cache, before it is computed. */
    void onCacheFill(Consumer<String> listener) {
        this.fillListener = listener;
    }

    private void cached(String path, String contentType, BytesHandler handler) {
        routes.get(path, ctx -> {
            long gen = generation.getAsLong();
            String key = ctx.path() + "?" + (ctx.queryString() == null ? "" : ctx.queryString());
            if (gen >= 0) {
                String etag = etagPrefix + gen + "\"";
                ctx.header("ETag", etag);
                if (etag.equals(ctx.header("If-None-Match"))) {
                    ctx.status(304);
                    return;
                }
                byte[] body = cache.get(key, gen);
                if (body != null) {
                    ctx.contentType(contentType).result(body);
                    return;
                }
            }
            budget.answer(ctx, contentType, budget.timeout(), () -> {
                fillListener.accept(key);
                byte[] body = handler.handle(ctx);
                if (gen >= 0) {
                    cache.put(key, gen, body);
                }
                return body;
            });
        });
        declared.add(new Route("GET", path));
    }

    /** A GET that writes its own response (health, documents). */
    void getRaw(String path, Handler handler) {
        routes.get(path, handler);
        declared.add(new Route("GET", path));
    }

    /** A JSON POST answered within the request budget. */
    void post(String path, JsonHandler handler) {
        post(path, budget.timeout(), handler);
    }

    /** A JSON POST answered within its own budget (a route whose work has a longer time-out of its own). */
    void post(String path, Duration routeBudget, JsonHandler handler) {
        routes.post(path, ctx -> budget.answer(ctx, "application/json", routeBudget,
                () -> json.writeValueAsBytes(handler.handle(ctx))));
        declared.add(new Route("POST", path));
    }

    List<Route> declared() {
        return List.copyOf(declared);
    }
}
