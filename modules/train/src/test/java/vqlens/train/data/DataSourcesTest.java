package vqlens.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.VqException;
import vqlens.core.io.CodebookFileException;
import vqlens.core.testing.TestNpy;

class DataSourcesTest {
    @TempDir
    Path dir;

    private static float[] readAll(DataSource s, int chunk) {
        float[] all = new float[(int) s.rows() * s.dim()];
        float[] buf = new float[chunk * s.dim()];
        int done = 0;
        int n;
        while ((n = s.read(buf, chunk)) > 0) {
            System.arraycopy(buf, 0, all, done * s.dim(), n * s.dim());
            done += n;
        }
        assertEquals(s.rows(), done);
        return all;
    }

    @Test
    void npyRowsStreamInBatchesAndSeek() throws IOException {
        float[] values = new float[50 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f;
        }
        Path file = dir.resolve("z.npy");
        TestNpy.writeFloats(file, new long[] {50, 3}, values);
        try (NpyDataSource s = NpyDataSource.open(file)) {
            assertEquals(50, s.rows());
            assertEquals(3, s.dim());
            assertArrayEquals(values, readAll(s, 7));
            s.seek(10);
            float[] row = new float[3];
            assertEquals(1, s.read(row, 1));
            assertArrayEquals(Arrays.copyOfRange(values, 30, 33), row);
            s.seek(45);
            s.seek(2); // backwards: reopens
            assertEquals(1, s.read(row, 1));
            assertArrayEquals(Arrays.copyOfRange(values, 6, 9), row);
        }
    }

    @Test
    void npyFilesThatAreNotFloatRowsAreRefusedWithTheirName() throws IOException {
        Path ints = dir.resolve("idx.npy");
        TestNpy.writeLongs(ints, new long[] {2, 2}, new long[] {1, 2, 3, 4});
        CodebookFileException e = assertThrows(CodebookFileException.class, () -> NpyDataSource.open(ints));
        assertTrue(e.getMessage().startsWith(ints.toString()) && e.getMessage().contains("float32 or float64"), e.getMessage());
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "not numpy");
        assertThrows(CodebookFileException.class, () -> NpyDataSource.open(junk));
    }

    @Test
    void csvWithHeaderCommentsAndBlankLinesReadsLikeTheNumbers() throws IOException {
        Path file = dir.resolve("z.csv");
        Files.writeString(file, "x,y,z\n# a comment\n1,2,3\n\n 4 , 5.5 ,-6e-1\n7,8,9\n");
        try (CsvDataSource s = CsvDataSource.open(file)) {
            assertEquals(3, s.rows());
            assertEquals(3, s.dim());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5.5f, -0.6f, 7, 8, 9}, readAll(s, 2));
            s.seek(1);
            float[] row = new float[3];
            s.read(row, 1);
            assertArrayEquals(new float[] {4, 5.5f, -0.6f}, row);
        }
        Path bare = dir.resolve("bare.csv");
        Files.writeString(bare, "1,2\n3,4\n");
        try (CsvDataSource s = CsvDataSource.open(bare)) {
            assertEquals(2, s.rows());
            assertArrayEquals(new float[] {1, 2, 3, 4}, readAll(s, 5));
        }
    }

    @Test
    void malformedCsvNamesLineRowAndColumn() throws IOException {
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "1,2,3\n4,5\n");
        CodebookFileException e = assertThrows(CodebookFileException.class, () -> CsvDataSource.open(ragged));
        assertEquals(ragged + ": line 2 (row 1) has 2 values, expected 3 like the first row", e.getMessage());
        Path word = dir.resolve("word.csv");
        Files.writeString(word, "a,b\n1,2\n3,oops\n");
        e = assertThrows(CodebookFileException.class, () -> CsvDataSource.open(word));
        assertEquals(word + ": line 3 (row 1), column 2: 'oops' is not a number", e.getMessage());
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "1,NaN\n");
        e = assertThrows(CodebookFileException.class, () -> CsvDataSource.open(nan));
        assertTrue(e.getMessage().contains("row 0") && e.getMessage().contains("not finite"), e.getMessage());
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "x,y\n");
        assertThrows(CodebookFileException.class, () -> CsvDataSource.open(empty));
        assertThrows(CodebookFileException.class, () -> CsvDataSource.open(dir.resolve("missing.csv")));
    }

    @Test
    void everyBuiltInDatasetGeneratesItsShapeReproducibly() {
        for (BuiltInDataset d : BuiltInDataset.values()) {
            SyntheticData.Dataset a = d.generate(500, 6, d.usesClusters() ? d.defaultClusters() : 4, d.defaultSpread(), 3);
            SyntheticData.Dataset b = d.generate(500, 6, d.usesClusters() ? d.defaultClusters() : 4, d.defaultSpread(), 3);
            assertEquals(500, a.rows(), d.label());
            assertEquals(d.fixedDim() != 0 ? d.fixedDim() : 6, a.dim(), d.label());
            assertArrayEquals(a.values(), b.values(), d.label());
            for (float v : a.values()) {
                assertTrue(Float.isFinite(v), d.label());
            }
            assertTrue(d.helpLine().startsWith(d.label()));
            assertEquals(d, BuiltInDataset.parse(d.label().toUpperCase(java.util.Locale.ROOT)));
        }
        assertThrows(VqException.class, () -> BuiltInDataset.parse("mnist"));
    }

    @Test
    void teachingSetsHaveTheirGeometry() {
        SyntheticData.Dataset rings = TeachingSets.rings(2000, 3, 0, 1);
        for (int r = 0; r < 2000; r++) {
            double radius = Math.hypot(rings.values()[2 * r], rings.values()[2 * r + 1]);
            assertEquals(rings.labels()[r] + 1, radius, 1e-5, "noise-free ring radius");
        }
        SyntheticData.Dataset moons = TeachingSets.moons(2000, 0, 1);
        for (int r = 0; r < 2000; r++) {
            float x = moons.values()[2 * r];
            float y = moons.values()[2 * r + 1];
            double centreX = moons.labels()[r] == 0 ? 0 : 1;
            double centreY = moons.labels()[r] == 0 ? 0 : 0.5;
            assertEquals(1.0, Math.hypot(x - centreX, y - centreY), 1e-5, "on its unit half circle");
        }
        SyntheticData.Dataset spirals = TeachingSets.spirals(1000, 2, 0, 1);
        for (int r = 0; r < 1000; r++) {
            assertTrue(Math.hypot(spirals.values()[2 * r], spirals.values()[2 * r + 1]) <= 3 + 1e-5);
        }
    }

    @Test
    void anisotropicClustersKeepTheirCentresAsMeans() {
        SyntheticData.Dataset d = SyntheticData.anisotropic(20_000, 4, 2, 0.3, 7);
        double[] sum = new double[8];
        int[] count = new int[2];
        for (int r = 0; r < d.rows(); r++) {
            int c = d.labels()[r];
            count[c]++;
            for (int e = 0; e < 4; e++) {
                sum[c * 4 + e] += d.values()[r * 4 + e];
            }
        }
        for (int i = 0; i < 8; i++) {
            // mean of ~10k rows with per-axis sd <= ~0.6: 0.05 is > 8 standard errors
            assertEquals(d.centres()[i], sum[i] / count[i / 4], 0.05);
        }
    }

    @Test
    void aFileOfRowsOpensByItsExtensionAndAnyOtherIsRefusedWithItsName() throws IOException {
        Path csv = dir.resolve("ROWS.CSV");
        Files.writeString(csv, "a,b\n1,2\n3,4\n5,6\n");
        try (DataSource s = DataSource.openFile(csv)) {
            assertTrue(s instanceof CsvDataSource, "case does not matter");
            assertEquals(3, s.rows());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, readAll(s, 2));
        }
        Path npy = dir.resolve("rows.npy");
        TestNpy.writeFloats(npy, new long[] {2, 1}, new float[] {7, 8});
        try (DataSource s = DataSource.openFile(npy)) {
            assertArrayEquals(new float[] {7, 8}, readAll(s, 2));
        }
        Path txt = dir.resolve("rows.txt");
        Files.writeString(txt, "1 2\n");
        VqException e = assertThrows(VqException.class, () -> DataSource.openFile(txt));
        assertEquals(txt + ": training data must be a .npy [rows, dim] float32/float64 array or a .csv file", e.getMessage());
    }
}
