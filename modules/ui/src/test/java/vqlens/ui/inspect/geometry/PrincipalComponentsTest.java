package vqlens.ui.inspect.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PrincipalComponentsTest {

    /** Power iteration runs to a 1e-12 step; the eigenvectors agree with the exact ones far closer than this. */
    private static final double VECTOR_TOLERANCE = 1e-7;
    /** Variances are computed exactly from the same points: only summation rounding differs. */
    private static final double VARIANCE_TOLERANCE = 1e-9;

    @Test
    void findsTheAxesOfARotatedEllipsoidWithTheirVariances() {
        // Points ±a·u, ±b·v, ±c·w along an orthonormal basis rotated in 5-D: the covariance has eigenvectors
        // u, v, w with eigenvalues a²/3, b²/3, c²/3 (six points, each pair contributes 2·s²/6).
        int dim = 5;
        double[][] basis = orthonormalBasis(dim, new SplittableRandom(3));
        double[] scale = {4, 2, 1};
        float[] points = new float[6 * dim];
        double[] offset = {1, -2, 3, 0.5, 7};
        for (int axis = 0; axis < 3; axis++) {
            for (int sign = 0; sign < 2; sign++) {
                int row = axis * 2 + sign;
                for (int d = 0; d < dim; d++) {
                    points[row * dim + d] = (float) (offset[d] + (sign == 0 ? 1 : -1) * scale[axis] * basis[axis][d]);
                }
            }
        }
        PrincipalComponents pc = PrincipalComponents.fit(dim, points);
        // float storage of the points limits agreement to float rounding of values ~10
        double floatSlack = 1e-5;
        assertEquals(16.0 / 3, pc.firstVariance(), floatSlack);
        assertEquals(4.0 / 3, pc.secondVariance(), floatSlack);
        assertEquals((16.0 + 4 + 1) / 3, pc.totalVariance(), floatSlack);
        assertEquals(16.0 / 21, pc.firstShare(), floatSlack);
        assertEquals(1, Math.abs(dot(pc.first(), basis[0])), floatSlack, "first component is the long axis");
        assertEquals(1, Math.abs(dot(pc.second(), basis[1])), floatSlack, "second is the middle axis");
        assertEquals(0, dot(pc.first(), pc.second()), VECTOR_TOLERANCE, "orthogonal");
        assertEquals(1, dot(pc.first(), pc.first()), VECTOR_TOLERANCE);
        for (int d = 0; d < dim; d++) {
            assertEquals(offset[d], pc.mean()[d], floatSlack);
        }
    }

    @Test
    void agreesWithTheExactEigenvectorsOfA2x2Covariance() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 500;
        float[] points = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            points[i * 3] = (float) (3 * a + b);
            points[i * 3 + 1] = (float) (a - 0.5 * b);
            points[i * 3 + 2] = 0; // no variance in the third dimension
        }
        PrincipalComponents pc = PrincipalComponents.fit(3, points);
        // closed form for the 2x2 block [[sxx, sxy], [sxy, syy]] of the sample covariance
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += points[i * 3];
            my += points[i * 3 + 1];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = points[i * 3] - mx;
            double y = points[i * 3 + 1] - my;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        sxx /= n;
        syy /= n;
        sxy /= n;
        double mid = (sxx + syy) / 2;
        double rad = Math.sqrt((sxx - syy) * (sxx - syy) / 4 + sxy * sxy);
        assertEquals(mid + rad, pc.firstVariance(), VARIANCE_TOLERANCE * (mid + rad));
        assertEquals(mid - rad, pc.secondVariance(), VARIANCE_TOLERANCE * (mid + rad));
        double angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
        assertEquals(1, Math.abs(pc.first()[0] * Math.cos(angle) + pc.first()[1] * Math.sin(angle)), VECTOR_TOLERANCE);
        assertEquals(0, pc.first()[2], VECTOR_TOLERANCE);
        assertEquals(1, pc.firstShare() + pc.secondShare(), VARIANCE_TOLERANCE, "all variance is in the plane");
        double[] p = pc.project(points, 0);
        double expected = (points[0] - mx) * pc.first()[0] + (points[1] - my) * pc.first()[1];
        assertEquals(expected, p[0], VARIANCE_TOLERANCE);
    }

    @Test
    void coincidentPointsGiveUnitOrthogonalAxesAndNoShare() {
        float[] same = {1, 2, 3, 1, 2, 3};
        PrincipalComponents pc = PrincipalComponents.fit(3, same);
        assertEquals(0, pc.totalVariance());
        assertEquals(0, pc.firstShare());
        assertEquals(1, dot(pc.first(), pc.first()), VECTOR_TOLERANCE);
        assertEquals(1, dot(pc.second(), pc.second()), VECTOR_TOLERANCE);
        assertEquals(0, dot(pc.first(), pc.second()), VECTOR_TOLERANCE);
    }

    @Test
    void refusesOneDimensionAndNoRows() {
        assertThrows(IllegalArgumentException.class, () -> PrincipalComponents.fit(1, new float[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> PrincipalComponents.fit(3, new float[0]));
        assertTrue(PrincipalComponents.fit(2, new float[] {0, 0, 1, 1}).firstShare() > 0.99);
    }

    private static double[][] orthonormalBasis(int dim, SplittableRandom random) {
        double[][] b = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int d = 0; d < dim; d++) {
                b[i][d] = random.nextGaussian();
            }
            for (int j = 0; j < i; j++) {
                double p = dot(b[i], b[j]);
                for (int d = 0; d < dim; d++) {
                    b[i][d] -= p * b[j][d];
                }
            }
            double norm = Math.sqrt(dot(b[i], b[i]));
            for (int d = 0; d < dim; d++) {
                b[i][d] /= norm;
            }
        }
        return b;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
