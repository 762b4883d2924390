package org.sigmma.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Compares autograd gradients with central finite differences, in float64. The loss must be a
 * deterministic function of the variables (re-seed any random draws inside it).
 */
public final class GradCheck {

    private GradCheck() {}

    /**
     * @param loss builds the scalar loss from the current variable values
     * @param variables named float64 arrays to check (inputs or parameter arrays)
     * @param coordinates random coordinates checked per variable
     * @return the number of coordinates compared
     */
    public static int check(Supplier<NDArray> loss, Map<String, NDArray> variables,
            int coordinates, long seed) {
        List<String> names = new ArrayList<>(variables.keySet());
        for (String n : names) {
            NDArray v = variables.get(n);
            assertEquals(DataType.FLOAT64, v.getDataType(), n + " must be float64");
            v.setRequiresGradient(true);
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(loss.get());
        }
        Random r = new Random(seed);
        int compared = 0;
        double h = 1e-6;
        for (String n : names) {
            NDArray v = variables.get(n);
            NDArray gArr = v.getGradient();
            assertNotNull(gArr, "no gradient reached " + n);
            double[] grad = gArr.toDoubleArray();
            double[] values = v.toDoubleArray();
            for (int c = 0; c < Math.min(coordinates, values.length); c++) {
                int i = r.nextInt(values.length);
                double orig = values[i];
                values[i] = orig + h;
                v.set(DoubleBuffer.wrap(values));
                double up = loss.get().getDouble();
                values[i] = orig - h;
                v.set(DoubleBuffer.wrap(values));
                double down = loss.get().getDouble();
                values[i] = orig;
                v.set(DoubleBuffer.wrap(values));
                double fd = (up - down) / (2 * h);
                double tol = 1e-5 + 1e-4 * Math.abs(fd);
                assertTrue(Math.abs(fd - grad[i]) <= tol, n + "[" + i + "]: autograd " + grad[i]
                        + " vs finite difference " + fd);
                compared++;
            }
            assertTrue(!allZero(grad), n + ": the gradient is all zero, so the check says"
                    + " nothing");
        }
        return compared;
    }

    private static boolean allZero(double[] a) {
        for (double x : a) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
