package org.sigmma.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** Declares routes on Javalin and remembers them, so that a test can hold the OpenAPI document to every route. */
final class Routes {

    /** One declared route, e.g. GET /api/sections/{id}. */
    record Route(String method, String path) {
    }

    private final RoutesConfig routes;
    private final List<Route> declared = new ArrayList<>();

    Routes(RoutesConfig routes) {
        this.routes = routes;
    }

    void get(String path, Handler handler) {
        routes.get(path, handler);
        declared.add(new Route("GET", path));
    }

    void post(String path, Handler handler) {
        routes.post(path, handler);
        declared.add(new Route("POST", path));
    }

    List<Route> declared() {
        return List.copyOf(declared);
    }
}
