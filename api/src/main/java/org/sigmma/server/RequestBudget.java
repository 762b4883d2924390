package org.sigmma.server;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bound on every request that does work: the work runs on a worker of a bounded pool while Jetty's thread goes
 * back to the connections, and an answer not ready within its budget becomes a JSON 503 that names what the request
 * was doing (waiting for a worker, running a named query, ...). The database side of a late request is stopped by
 * the transaction time-out {@link Reads} gives every query (the same budget); a worker is never interrupted, because
 * an interrupt inside Neo4j's file I/O closes the store's channels.
 */
final class RequestBudget implements AutoCloseable {

    /** What one request is doing now; the 503 of a late request says it. */
    static final class Work {
        private volatile String doing = "waiting for a free worker";

        void doing(String what) {
            doing = what;
        }

        String doing() {
            return doing;
        }
    }

    private static final ThreadLocal<Work> CURRENT = new ThreadLocal<>();

    /** Tells the request running on this thread what it does now (no-op outside a bounded request). */
    static void doing(String what) {
        Work w = CURRENT.get();
        if (w != null) {
            w.doing(what);
        }
    }

    private final ThreadPoolExecutor workers;
    private final Duration timeout;

    /**
     * @param threads  workers (the requests answered at once)
     * @param queue    requests that may wait for a worker; one more is refused at once with 503
     * @param timeout  the budget of a request
     */
    RequestBudget(int threads, int queue, Duration timeout) {
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "sigmma-request-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** The answer of a request: encoded bytes, written by the caller. */
    interface Answer {
        byte[] compute() throws Exception;
    }

    /**
     * Answers the request with {@code contentType} and the computed bytes within {@code budget}, or with a JSON 503
     * naming what it was doing; the work's own exceptions reach the server's exception handlers as they are.
     */
    void answer(Context ctx, String contentType, Duration budget, Answer answer) {
        Work work = new Work();
        CompletableFuture<byte[]> result;
        try {
            result = CompletableFuture.supplyAsync(() -> {
                CURRENT.set(work);
                work.doing("computing the answer");
                try {
                    return answer.compute();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CompletionException(e);
                } finally {
                    CURRENT.remove();
                }
            }, workers);
        } catch (RejectedExecutionException e) {
            ctx.header("Retry-After", "1");
            throw new ApiException(503, "the server is at capacity: " + workers.getQueue().size()
                    + " requests wait for its " + workers.getMaximumPoolSize() + " workers; try again shortly");
        }
        String request = ctx.method() + " " + ctx.path();
        ctx.future(() -> result.orTimeout(budget.toMillis(), TimeUnit.MILLISECONDS).handle((body, error) -> {
            if (error == null) {
                ctx.contentType(contentType).result(body);
                return null;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                ctx.header("Retry-After", "5");
                cause = new ApiException(503, request + " was not answered within the request budget of "
                        + budget.toMillis() + " ms (serve --request-timeout); it was " + work.doing());
            }
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        }));
    }

    /** Lets running work end by itself (its transactions time out); nothing new is taken. */
    @Override
    public void close() {
        workers.shutdown();
    }
}
