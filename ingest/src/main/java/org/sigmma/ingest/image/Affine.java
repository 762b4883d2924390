package org.sigmma.ingest.image;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sigmma.ingest.xenium.BundleException;

/**
 * A 2-D affine map as a 3x3 matrix acting on column vectors {@code [x, y, 1]}:
 * {@code x' = m00 x + m01 y + m02}, {@code y' = m10 x + m11 y + m12}; the last row is always {@code 0 0 1}.
 *
 * <p>Direction of 10x's {@code *_he_imagealignment.csv} (the matrix Xenium Explorer exports after aligning an
 * H&amp;E image): it maps H&amp;E image pixel coordinates to Xenium morphology-image pixel coordinates
 * (10x knowledge base, "How can I convert coordinates between H&amp;E image and Xenium data"). Xenium cell
 * centroids are in micrometres, i.e. morphology pixels times {@code pixel_size} (0.2125 um in current
 * instruments; see experiment.xenium). Hence
 * {@code imageToMicrons = Affine.scale(pixelSizeUm).after(alignment)}, and the H&amp;E pixel of a cell is
 * {@code imageToMicrons.inverse().apply(x, y)}.
 *
 * <p>Image coordinates are continuous with the origin at the top-left corner of the top-left pixel, x to the
 * right and y down; pixel {@code (i, j)} covers {@code [i, i+1) x [j, j+1)} and its centre is {@code (i+0.5, j+0.5)}.
 */
public final class Affine {

    private static final Affine IDENTITY = new Affine(1, 0, 0, 0, 1, 0);

    private final double m00;
    private final double m01;
    private final double m02;
    private final double m10;
    private final double m11;
    private final double m12;

    public Affine(double m00, double m01, double m02, double m10, double m11, double m12) {
        double[] all = {m00, m01, m02, m10, m11, m12};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("affine entries must be finite: " + Arrays.toString(all));
            }
        }
        this.m00 = m00;
        this.m01 = m01;
        this.m02 = m02;
        this.m10 = m10;
        this.m11 = m11;
        this.m12 = m12;
    }

    /** From a 3x3 row-major matrix whose last row is {@code 0 0 1}. */
    public static Affine of(double[][] m) {
        if (m.length != 3 || m[0].length != 3 || m[1].length != 3 || m[2].length != 3) {
            throw new IllegalArgumentException("expected a 3x3 matrix");
        }
        if (Math.abs(m[2][0]) > 1e-12 || Math.abs(m[2][1]) > 1e-12 || Math.abs(m[2][2] - 1) > 1e-12) {
            throw new IllegalArgumentException("last row must be 0 0 1 (a projective transform is not affine): "
                    + Arrays.toString(m[2]));
        }
        return new Affine(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2]);
    }

    public static Affine identity() {
        return IDENTITY;
    }

    public static Affine scale(double s) {
        return scale(s, s);
    }

    public static Affine scale(double sx, double sy) {
        return new Affine(sx, 0, 0, 0, sy, 0);
    }

    public static Affine translation(double tx, double ty) {
        return new Affine(1, 0, tx, 0, 1, ty);
    }

    /** Rotation by {@code radians} about the origin (counter-clockwise with y up, clockwise on screen). */
    public static Affine rotation(double radians) {
        double c = Math.cos(radians);
        double s = Math.sin(radians);
        return new Affine(c, -s, 0, s, c, 0);
    }

    /** This map applied after {@code first}: {@code this.after(first).apply(p) == this.apply(first.apply(p))}. */
    public Affine after(Affine first) {
        return new Affine(
                m00 * first.m00 + m01 * first.m10, m00 * first.m01 + m01 * first.m11, m00 * first.m02 + m01 * first.m12 + m02,
                m10 * first.m00 + m11 * first.m10, m10 * first.m01 + m11 * first.m11, m10 * first.m02 + m11 * first.m12 + m12);
    }

    /** {@code next} applied after this map. */
    public Affine then(Affine next) {
        return next.after(this);
    }

    public Point2D.Double apply(double x, double y) {
        return new Point2D.Double(m00 * x + m01 * y + m02, m10 * x + m11 * y + m12);
    }

    public double applyX(double x, double y) {
        return m00 * x + m01 * y + m02;
    }

    public double applyY(double x, double y) {
        return m10 * x + m11 * y + m12;
    }

    public double determinant() {
        return m00 * m11 - m01 * m10;
    }

    public Affine inverse() {
        double det = determinant();
        double scale = Math.max(Math.max(Math.abs(m00), Math.abs(m01)), Math.max(Math.abs(m10), Math.abs(m11)));
        if (scale == 0 || Math.abs(det) <= 1e-12 * scale * scale) {
            throw new IllegalStateException("affine map is singular (determinant " + det + ")");
        }
        double i00 = m11 / det;
        double i01 = -m01 / det;
        double i10 = -m10 / det;
        double i11 = m00 / det;
        return new Affine(i00, i01, -(i00 * m02 + i01 * m12), i10, i11, -(i10 * m02 + i11 * m12));
    }

    /** The 3x3 row-major matrix, a copy. */
    public double[][] matrix() {
        return new double[][] {{m00, m01, m02}, {m10, m11, m12}, {0, 0, 1}};
    }

    /** Largest absolute difference between the entries of the two matrices. */
    public double distance(Affine o) {
        double d = 0;
        double[][] a = matrix();
        double[][] b = o.matrix();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return d;
    }

    /**
     * Reads a 10x {@code *_he_imagealignment.csv}: three rows of three comma-separated numbers, the
     * H&amp;E-pixel to morphology-pixel matrix (see the class comment). Blank lines are ignored.
     */
    public static Affine parse10x(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BundleException(file, "file", "missing");
        } catch (IOException e) {
            throw new BundleException(file, "file", "cannot read: " + e, e);
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s*,\\s*|\\s+");
            if (parts.length != 3) {
                throw new BundleException(file, "line " + (i + 1), "expected 3 comma-separated numbers, found \"" + line + "\"");
            }
            double[] row = new double[3];
            for (int j = 0; j < 3; j++) {
                try {
                    row[j] = Double.parseDouble(parts[j].replace("\"", ""));
                } catch (NumberFormatException e) {
                    throw new BundleException(file, "line " + (i + 1), "\"" + parts[j] + "\" is not a number");
                }
                if (!Double.isFinite(row[j])) {
                    throw new BundleException(file, "line " + (i + 1), parts[j] + " is not finite");
                }
            }
            rows.add(row);
        }
        if (rows.size() != 3) {
            throw new BundleException(file, "matrix", "expected 3 rows of a 3x3 matrix, found " + rows.size());
        }
        Affine a;
        try {
            a = of(rows.toArray(new double[0][]));
        } catch (IllegalArgumentException e) {
            throw new BundleException(file, "matrix", e.getMessage());
        }
        try {
            a.inverse();
        } catch (IllegalStateException e) {
            throw new BundleException(file, "matrix", e.getMessage());
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine a && Arrays.deepEquals(matrix(), a.matrix());
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(matrix());
    }

    @Override
    public String toString() {
        return "Affine[[" + m00 + ", " + m01 + ", " + m02 + "], [" + m10 + ", " + m11 + ", " + m12 + "], [0, 0, 1]]";
    }
}
