package vqlens.core.io;

import static vqlens.core.testing.TestNpy.assertBitsEqual;
import static vqlens.core.testing.TestNpy.npy;

import java.nio.ByteOrder;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vqlens.core.testing.TestNpy;

/** Header spellings other writers (and older numpy versions) produce are all understood. */
class NpyHeaderDialectsTest {
    private static final float[] VALUES = {1.5f, -2, 3, Float.NaN, 5, 6};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "v{0}: {1}")
    @CsvSource(delimiter = ';', value = {
        "1; {'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }",
        "1; {'shape': (1, 2, 3), 'descr': '<f4', 'fortran_order': False}",
        "1; {\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (1, 2, 3,),}",
        "1; {'descr':'<f4','fortran_order':False,'shape':(1L, 2L, 3L)}",
        "1; {u'descr': u'<f4',\t'fortran_order': False, 'shape': ( 1 , 2 , 3 ) , }",
        "1; {'descr': 'f4', 'fortran_order': False, 'shape': (1, 2, 3), }",
        "1; {'descr': '=f4', 'fortran_order': False, 'shape': (1, 2, 3), }",
        "1; {'descr': '<f', 'fortran_order': False, 'shape': (1, 2, 3), }",
        "2; {'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }",
        "3; {'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }"})
    void loads(int version, String header) {
        Path file = TestNpy.write(dir.resolve("dialect.npy"), npy(version, header, TestNpy.float32(ByteOrder.LITTLE_ENDIAN, VALUES)));
        assertBitsEqual(VALUES, CodebookFiles.load(file).toArray());
    }
}
