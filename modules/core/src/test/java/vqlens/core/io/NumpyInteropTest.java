package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static vqlens.core.io.TestNpy.assertBitsEqual;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.Codebooks;

/**
 * Checks the formats against the real numpy ({@code /usr/bin/python3} with Debian's python3-numpy): numpy
 * opens what VQ Lens writes with a plain {@code numpy.load}, and VQ Lens reads what numpy writes (float64,
 * big-endian, Fortran order, [K,D], savez_compressed) exactly. Never skipped: a machine without numpy fails.
 */
class NumpyInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @BeforeAll
    static void numpyIsInstalled() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing: these tests need the real numpy; run `apt-get install python3-numpy`");
        }
        Result r = python("import numpy; print(numpy.__version__)");
        if (r.exitCode != 0) {
            fail("numpy is not importable by " + PYTHON + " (run `apt-get install python3-numpy`): " + r.output);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result python(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("python timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
    }

    /** Runs a script that must succeed and returns its stdout. */
    private static String run(String script, String... args) throws IOException, InterruptedException {
        Result r = python(script, args);
        assertEquals(0, r.exitCode, () -> "python failed:\n" + r.output);
        return r.output;
    }

    private static String sha256(float[] values) throws NoSuchAlgorithmException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }

    private static float[] floatsLE(Path raw) {
        ByteBuffer b = ByteBuffer.wrap(TestNpy.read(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    private static long[] longsLE(Path raw) {
        ByteBuffer b = ByteBuffer.wrap(TestNpy.read(raw)).order(ByteOrder.LITTLE_ENDIAN);
        long[] v = new long[b.remaining() / 8];
        b.asLongBuffer().get(v);
        return v;
    }

    @Test
    void numpyLoadsCodebookFilesVqLensWrote() throws Exception {
        Codebooks codebooks = CodebookFilesTest.sample(3, 17, 5, 21, false);
        Path npz = dir.resolve("vq.npz");
        Path npy = dir.resolve("vq.npy");
        CodebookFiles.save(npz, codebooks);
        CodebookFiles.save(npy, codebooks);
        String out = run("""
                import sys, hashlib, numpy as np
                with np.load(sys.argv[1]) as z:
                    assert sorted(z.files) == ['codebooks', 'inited'], z.files
                    c, i = z['codebooks'], z['inited']
                    print(c.dtype.str, c.shape, c.flags['C_CONTIGUOUS'], i.dtype.str, i.shape, bool(i),
                          hashlib.sha256(c.tobytes()).hexdigest())
                a = np.load(sys.argv[2])
                print(a.dtype.str, a.shape, hashlib.sha256(a.tobytes()).hexdigest())
                np.save(sys.argv[3], a)
                """, npz.toString(), npy.toString(), dir.resolve("resaved.npy").toString());
        String sha = sha256(codebooks.toArray());
        assertEquals("<f4 (3, 17, 5) True |b1 () False " + sha + "\n<f4 (3, 17, 5) " + sha, out);
        assertArrayEquals(TestNpy.read(dir.resolve("resaved.npy")), TestNpy.read(npy), "byte-identical to numpy.save");
    }

    @Test
    void numpyLoadsNpyWriterFiles() throws Exception {
        Path ints = dir.resolve("ints.npy");
        try (NpyWriter w = NpyWriter.create(ints, NpyDtype.INT64, 2, 3)) {
            w.writeLongs(new long[] {Long.MIN_VALUE, -1, 0, 1, 255, Long.MAX_VALUE}, 0, 6);
            w.commit();
        }
        Path flags = dir.resolve("flags.npy");
        try (NpyWriter w = NpyWriter.create(flags, NpyDtype.BOOL, 4)) {
            w.writeLongs(new long[] {1, 0, 1, 1}, 0, 4);
            w.commit();
        }
        Path small = dir.resolve("small.npy");
        try (NpyWriter w = NpyWriter.create(small, NpyDtype.UINT16, 2, 1, 2)) {
            w.writeLongs(new long[] {0, 1, 65535, 300}, 0, 4);
            w.commit();
        }
        Path scalar = dir.resolve("scalar.npy");
        try (NpyWriter w = NpyWriter.create(scalar, NpyDtype.FLOAT64)) {
            w.writeFloats(new float[] {0.25f}, 0, 1);
            w.commit();
        }
        String out = run("""
                import sys, numpy as np
                for path in sys.argv[1:]:
                    a = np.load(path)
                    print(a.dtype.str, a.shape, a.tolist())
                """, ints.toString(), flags.toString(), small.toString(), scalar.toString());
        assertEquals(String.join("\n",
                "<i8 (2, 3) [[-9223372036854775808, -1, 0], [1, 255, 9223372036854775807]]",
                "|b1 (4,) [True, False, True, True]",
                "<u2 (2, 1, 2) [[[0, 1]], [[65535, 300]]]",
                "<f8 () 0.25"), out);
    }

    @Test
    void vqLensLoadsWhatNumpyWrote() throws Exception {
        run("""
                import sys, numpy as np
                d = sys.argv[1]
                rng = np.random.default_rng(20240601)
                c = rng.standard_normal((3, 7, 5))
                c[0, 0, :4] = [np.nan, np.inf, -np.inf, -0.0]
                big = rng.standard_normal((4, 256, 96)).astype('<f4')
                np.save(d + '/f64.npy', c)
                np.save(d + '/big_endian.npy', c.astype('>f4'))
                np.save(d + '/fortran.npy', np.asfortranarray(c.astype('<f4')))
                np.save(d + '/fortran_be_f8.npy', np.asfortranarray(c.astype('>f8')))
                np.save(d + '/kd.npy', c[1].astype('<f4'))
                np.savez_compressed(d + '/compressed.npz', codebooks=c.astype('<f4'), inited=np.array(False))
                np.savez_compressed(d + '/big.npz', codebooks=big)
                np.savez(d + '/plain_f64.npz', codebooks=c, inited=np.array([1], dtype=np.int32))
                c.astype('<f4').tofile(d + '/ref.f32')
                c[1].astype('<f4').tofile(d + '/ref_kd.f32')
                big.tofile(d + '/ref_big.f32')
                """, dir.toString());
        float[] ref = floatsLE(dir.resolve("ref.f32"));
        for (String name : List.of("f64.npy", "big_endian.npy", "fortran.npy", "fortran_be_f8.npy", "compressed.npz", "plain_f64.npz")) {
            Codebooks c = CodebookFiles.load(dir.resolve(name));
            assertEquals(3, c.config().heads(), name);
            assertEquals(7, c.config().codes(), name);
            assertEquals(5, c.config().headDim(), name);
            assertBitsEqual(ref, c.toArray());
        }
        assertFalse(CodebookFiles.load(dir.resolve("compressed.npz")).inited());
        assertTrue(CodebookFiles.load(dir.resolve("plain_f64.npz")).inited());
        Codebooks kd = CodebookFiles.load(dir.resolve("kd.npy"));
        assertEquals(1, kd.config().heads());
        assertBitsEqual(floatsLE(dir.resolve("ref_kd.f32")), kd.toArray());
        Codebooks big = CodebookFiles.load(dir.resolve("big.npz"));
        assertTrue(big.inited(), "no inited member: true");
        assertBitsEqual(floatsLE(dir.resolve("ref_big.f32")), big.toArray());
    }

    @Test
    void rowReaderStreamsWhatNumpyWrote() throws Exception {
        run("""
                import sys, numpy as np
                d = sys.argv[1]
                rng = np.random.default_rng(7)
                z = rng.standard_normal((101, 7))
                np.save(d + '/z_fortran_f8.npy', np.asfortranarray(z))
                z.astype('<f4').tofile(d + '/ref_z.f32')
                idx = rng.integers(0, 256, (53, 4))
                for t in ['u1', 'i2', 'i4', 'i8', '>i4', 'u4']:
                    np.save(d + '/idx_' + t.replace('>', 'be') + '.npy', idx.astype(t))
                np.save(d + '/idx_fortran.npy', np.asfortranarray(idx))
                idx.astype('<i8').tofile(d + '/ref_idx.i8')
                """, dir.toString());
        float[] ref = floatsLE(dir.resolve("ref_z.f32"));
        float[] all = new float[ref.length];
        try (NpyRowReader reader = NpyRowReader.open(dir.resolve("z_fortran_f8.npy"))) {
            assertEquals(NpyDtype.FLOAT64, reader.dtype());
            float[] chunk = new float[9 * 7];
            for (int n, at = 0; (n = reader.readFloats(chunk, 9)) > 0; at += n * 7) {
                System.arraycopy(chunk, 0, all, at, n * 7);
            }
        }
        assertBitsEqual(ref, all);

        long[] refIdx = longsLE(dir.resolve("ref_idx.i8"));
        for (String t : List.of("u1", "i2", "i4", "i8", "bei4", "u4", "fortran")) {
            long[] got = new long[refIdx.length];
            try (NpyRowReader reader = NpyRowReader.open(dir.resolve("idx_" + t + ".npy"))) {
                long[] chunk = new long[5 * 4];
                for (int n, at = 0; (n = reader.readIndices(chunk, 5)) > 0; at += n * 4) {
                    System.arraycopy(chunk, 0, got, at, n * 4);
                }
            }
            assertArrayEquals(refIdx, got, t);
        }
    }
}
