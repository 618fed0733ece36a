package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vqlens.core.testing.TestNpy.assertBitsEqual;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vqlens.core.Codebooks;

/**
 * Converting between any two formats keeps every float32 bit (NaN, infinities, -0, subnormals included)
 * and the shape; the {@code inited} flag survives where both formats have one (npz, safetensors).
 */
class FormatRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> pairs() {
        return Arrays.stream(CodebookFormat.values())
                .flatMap(from -> Arrays.stream(CodebookFormat.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void bitExact(CodebookFormat from, CodebookFormat to) {
        Codebooks original = CodebookFilesTest.sample(3, 19, 7, 31 + from.ordinal() * 4 + to.ordinal(), false);
        Path first = dir.resolve("first." + from.extension());
        Path second = dir.resolve("second." + to.extension());
        CodebookFiles.save(first, original);
        Codebooks middle = CodebookFiles.load(first);
        CodebookFiles.save(second, middle);
        Codebooks last = CodebookFiles.load(second);
        assertEquals(original.config(), last.config());
        assertBitsEqual(original.toArray(), last.toArray());
        boolean flagKept = hasFlag(from) && hasFlag(to);
        assertEquals(!flagKept, last.inited(), flagKept ? "false kept" : "no flag on the way: initialised");
    }

    private static boolean hasFlag(CodebookFormat format) {
        return format == CodebookFormat.NPZ || format == CodebookFormat.SAFETENSORS;
    }
}
