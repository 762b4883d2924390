package org.sigmma.ingest.neighbours;

import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * Builds the spatial-neighbour graph of a section's cell centroids, in the style of QuPath's
 * {@code DelaunayTools.Builder}:
 *
 * <pre>{@code
 * NeighbourGraph g = NeighbourGraphBuilder.of(x, y).delaunay().maxEdgeLength(30).build();
 * NeighbourGraph k = NeighbourGraphBuilder.of(x, y).knn(6).build();
 * }</pre>
 *
 * <ul>
 *   <li>{@link NeighbourMethod#DELAUNAY} (the default): the edges of the Delaunay triangulation, pruned by
 *       default at {@value #DEFAULT_DELAUNAY_MAX_EDGE_LENGTH} um (docs/method.md). All-collinear points give the
 *       path along the line.</li>
 *   <li>{@link NeighbourMethod#KNN}: each point joined to its k nearest other points (ties to the lower
 *       index), symmetrised as a union, so degrees are at least k.</li>
 *   <li>{@link NeighbourMethod#RADIUS}: every pair with {@code dx*dx + dy*dy <= r*r}.</li>
 * </ul>
 *
 * <p>Coincident points (two cells with the same centroid): kNN and radius treat them as neighbours at
 * distance 0. Delaunay triangulates each group once and then joins the group's members to each other at
 * distance 0 and gives every member all of the group's Delaunay edges.
 *
 * <p>{@link #maxEdgeLength(double)} keeps edges of length at most the limit, for any method; only Delaunay
 * has a default limit. Results are deterministic: kNN and radius run in parallel, but each point's answer
 * depends only on the input and edges are sorted.
 *
 * <p>The coordinate arrays are read, not copied: do not change them during {@link #build()}.
 */
public final class NeighbourGraphBuilder {

    /** Default maximum Delaunay edge length in micrometres (docs/method.md). */
    public static final double DEFAULT_DELAUNAY_MAX_EDGE_LENGTH = 30.0;

    private final double[] x;
    private final double[] y;
    private NeighbourMethod method = NeighbourMethod.DELAUNAY;
    private int k = 6;
    private double radius = Double.NaN;
    /** NaN: the method's default. */
    private double maxEdgeLength = Double.NaN;
    private DoubleConsumer progress = p -> { };

    private NeighbourGraphBuilder(double[] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    /** Points (x[i], y[i]); the arrays must have equal length and finite values. */
    public static NeighbourGraphBuilder of(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
        return new NeighbourGraphBuilder(x, y);
    }

    /** Points from float coordinates (as Xenium stores centroids), widened exactly to double. */
    public static NeighbourGraphBuilder of(float[] x, float[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        double[] dx = new double[x.length];
        double[] dy = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            dx[i] = x[i];
        }
        for (int i = 0; i < y.length; i++) {
            dy[i] = y[i];
        }
        return of(dx, dy);
    }

    public NeighbourGraphBuilder delaunay() {
        method = NeighbourMethod.DELAUNAY;
        return this;
    }

    /** k nearest neighbours, k >= 1 (capped at nPoints - 1). */
    public NeighbourGraphBuilder knn(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("kNN needs k >= 1, got " + k);
        }
        method = NeighbourMethod.KNN;
        this.k = k;
        return this;
    }

    /** All pairs within r (inclusive), r >= 0 and finite. */
    public NeighbourGraphBuilder radius(double r) {
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("radius must be finite and >= 0, got " + r);
        }
        method = NeighbourMethod.RADIUS;
        this.radius = r;
        return this;
    }

    /**
     * Sets the method with its parameter: DELAUNAY takes the maximum edge length (as squidpy prunes its
     * Delaunay graph by a radius; infinity for none), KNN the integer k, RADIUS the radius.
     */
    public NeighbourGraphBuilder method(NeighbourMethod m, double param) {
        Objects.requireNonNull(m, "method");
        switch (m) {
            case DELAUNAY -> {
                delaunay();
                maxEdgeLength(param);
            }
            case KNN -> {
                if (param != Math.rint(param) || param < 1 || param > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("kNN needs an integer k >= 1, got " + param);
                }
                knn((int) param);
            }
            case RADIUS -> radius(param);
        }
        return this;
    }

    /** Drops edges longer than um (any method); infinity keeps all. */
    public NeighbourGraphBuilder maxEdgeLength(double um) {
        if (!(um >= 0)) {
            throw new IllegalArgumentException("maximum edge length must be >= 0, got " + um);
        }
        this.maxEdgeLength = um;
        return this;
    }

    /** Receives the fraction done, 0 to 1, non-decreasing, possibly from several threads (one at a time). */
    public NeighbourGraphBuilder progress(DoubleConsumer p) {
        this.progress = Objects.requireNonNull(p, "progress");
        return this;
    }

    public NeighbourMethod method() {
        return method;
    }

    /** The maximum edge length that build() will apply. */
    public double effectiveMaxEdgeLength() {
        if (!Double.isNaN(maxEdgeLength)) {
            return maxEdgeLength;
        }
        return method == NeighbourMethod.DELAUNAY ? DEFAULT_DELAUNAY_MAX_EDGE_LENGTH : Double.POSITIVE_INFINITY;
    }

    public NeighbourGraph build() {
        checkFinite(x, "x");
        checkFinite(y, "y");
        int n = x.length;
        Progress p = new Progress(progress);
        double limit = effectiveMaxEdgeLength();
        int[][] pairs;
        switch (method) {
            case DELAUNAY -> {
                DelaunayTriangulator t = DelaunayTriangulator.triangulate(x, y, p.range(0, 0.8));
                pairs = t.pointEdges();
            }
            case KNN -> {
                int kk = Math.min(k, Math.max(0, n - 1));
                int[] nb = new KdTree(x, y).knn(kk, p.range(0.1, 0.8));
                p.accept(0.8);
                NeighbourGraph g = EdgeAssembler.assembleRows(n, nb, Math.max(kk, 1), x, y, limit);
                p.accept(1.0);
                return g;
            }
            case RADIUS -> pairs = n == 0 ? new int[][] {new int[0], new int[0]}
                    : new KdTree(x, y).withinRadius(radius, p.range(0.1, 0.8));
            default -> throw new IllegalStateException(method.toString());
        }
        p.accept(0.8);
        NeighbourGraph g = EdgeAssembler.assemble(n, pairs[0], pairs[1], pairs[0].length, x, y, limit);
        p.accept(1.0);
        return g;
    }

    private static void checkFinite(double[] v, String name) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("coordinate " + name + "[" + i + "] is " + v[i]);
            }
        }
    }

    /** Serialises and clamps progress reports to a non-decreasing sequence. */
    private static final class Progress implements DoubleConsumer {
        private final DoubleConsumer sink;
        private double last = -1;

        Progress(DoubleConsumer sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void accept(double f) {
            if (f > last) {
                last = f;
                sink.accept(f);
            }
        }

        DoubleConsumer range(double from, double to) {
            return f -> accept(from + (to - from) * Math.min(1, Math.max(0, f)));
        }
    }
}
