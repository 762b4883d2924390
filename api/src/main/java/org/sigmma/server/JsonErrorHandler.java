package org.sigmma.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before a request reaches Javalin (a path with an encoded NUL or an ambiguous
 * separator, a bad header, an unreadable request line): JSON {@code {error, status}} like every other error of the
 * API, instead of Jetty's HTML page, and never with a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final ObjectMapper json;

    JsonErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        Object message = request.getAttribute(ERROR_MESSAGE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "the request was refused by the HTTP server: "
                + (message == null ? "status " + status : Params.clip(String.valueOf(message))));
        body.put("status", status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json.writeValueAsBytes(body)), callback);
        return true;
    }
}
