package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static vqlens.core.testing.TestNpy.assertBitsEqual;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.Codebooks;
import vqlens.core.testing.TestNpy;
import vqlens.core.testing.TestPython;

/**
 * Checks the formats against the real numpy ({@code /usr/bin/python3} with Debian's python3-numpy): numpy
 * opens what VQ Lens writes with a plain {@code numpy.load}, and VQ Lens reads what numpy writes (float64,
 * big-endian, Fortran order, [K,D], savez_compressed) exactly. The Python safetensors package is not
 * available here, so safetensors files are checked against the format specification in Python (header
 * JSON, dtypes, offsets) and their data read with {@code np.frombuffer}; Python also writes them by the
 * specification for VQ Lens to read. Never skipped: a machine without numpy fails.
 */
class NumpyInteropTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void numpyIsInstalled() throws Exception {
        TestPython.Result r = TestPython.python("import numpy; print(numpy.__version__)");
        if (r.exitCode() != 0) {
            fail("numpy is not importable by " + TestPython.PYTHON + " (run `apt-get install python3-numpy`): " + r.output());
        }
    }

    /** Runs a script that must succeed and returns its output. */
    private static String run(String script, String... args) throws IOException, InterruptedException {
        return TestPython.run(script, args);
    }

    private static String sha256(float[] values) throws NoSuchAlgorithmException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }

    private static float[] floatsLE(Path raw) {
        ByteBuffer b = ByteBuffer.wrap(TestNpy.bytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    private static long[] longsLE(Path raw) {
        ByteBuffer b = ByteBuffer.wrap(TestNpy.bytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
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
        assertArrayEquals(TestNpy.bytes(dir.resolve("resaved.npy")), TestNpy.bytes(npy), "byte-identical to numpy.save");
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

    @Test
    void safetensorsVqLensWroteFollowTheSpecification() throws Exception {
        Codebooks codebooks = CodebookFilesTest.sample(3, 17, 5, 41, false);
        Path file = dir.resolve("export.safetensors");
        CodebookFiles.save(file, codebooks);
        String out = run("""
                import sys, json, struct, hashlib, numpy as np
                raw = open(sys.argv[1], 'rb').read()
                n, = struct.unpack('<Q', raw[:8])
                text = raw[8:8 + n].decode('utf-8')
                assert n % 8 == 0 and text.startswith('{') and text == text.rstrip(' ') + ' ' * (len(text) - len(text.rstrip(' ')))
                assert ' ' not in text.rstrip(' '), 'compact JSON as serde_json writes it'
                header = json.loads(text)
                assert '__metadata__' not in header
                names = list(header)
                data = raw[8 + n:]
                # the specification: offsets relative to the data, sorted, contiguous, covering it exactly
                spans = sorted(tuple(header[k]['data_offsets']) for k in names)
                assert spans[0][0] == 0 and spans[-1][1] == len(data)
                assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
                size = {'F32': 4, 'BOOL': 1}
                for k in names:
                    e = header[k]
                    assert sorted(e) == ['data_offsets', 'dtype', 'shape']
                    assert e['data_offsets'][1] - e['data_offsets'][0] == size[e['dtype']] * int(np.prod(e['shape']))
                cb = header['codebooks']
                c = np.frombuffer(data[cb['data_offsets'][0]:cb['data_offsets'][1]], '<f4').reshape(cb['shape'])
                fl = header['inited']
                i = np.frombuffer(data[fl['data_offsets'][0]:fl['data_offsets'][1]], np.bool_).reshape(fl['shape'])
                print(names, cb['dtype'], c.shape, fl['dtype'], i.shape, bool(i), hashlib.sha256(c.tobytes()).hexdigest())
                """, file.toString());
        assertEquals("['codebooks', 'inited'] F32 (3, 17, 5) BOOL () False " + sha256(codebooks.toArray()), out);
    }

    @Test
    void vqLensReadsSafetensorsWrittenByTheSpecification() throws Exception {
        run("""
                import sys, json, struct, numpy as np
                d = sys.argv[1]
                rng = np.random.default_rng(11)
                c = rng.standard_normal((3, 7, 5)).astype('<f4')
                c[0, 0, :3] = [np.inf, -np.inf, -0.0]
                half = (c * 100).astype('<f2')
                bits = c.view('<u4').astype(np.uint64)
                bf16 = ((bits + 0x7fff + ((bits >> 16) & 1)) >> 16).astype('<u2')   # round to nearest even
                f64 = c.astype('<f8') / 3
                tensors = [  # written in name order with json.dumps' default spacing: both are valid
                    ('ema.codebooks', 'BF16', (7, 5), bf16[1].tobytes()),
                    ('encoder.weight', 'F32', (5, 5), np.ones((5, 5), '<f4').tobytes()),
                    ('f64.codebooks', 'F64', (3, 7, 5), f64.tobytes()),
                    ('quantizer.codebooks', 'F16', (3, 7, 5), half.tobytes()),
                    ('quantizer.inited', 'BOOL', (), b'\\x00'),
                ]
                header, blob = {'__metadata__': {'format': 'pt'}}, b''
                for name, dtype, shape, data in tensors:
                    header[name] = {'dtype': dtype, 'shape': list(shape), 'data_offsets': [len(blob), len(blob) + len(data)]}
                    blob += data
                text = json.dumps(header).encode()
                text += b' ' * (-len(text) % 8)
                open(d + '/model.safetensors', 'wb').write(struct.pack('<Q', len(text)) + text + blob)
                half.astype('<f4').tofile(d + '/ref_half.f32')
                (bf16[1].astype(np.uint32) << 16).view('<f4').tofile(d + '/ref_bf16.f32')
                f64.astype('<f4').tofile(d + '/ref_f64.f32')
                """, dir.toString());
        Path file = dir.resolve("model.safetensors");
        assertEquals(List.of("ema.codebooks", "f64.codebooks", "quantizer.codebooks"), CodebookFiles.candidates(file));
        AmbiguousCodebookException e = assertThrows(AmbiguousCodebookException.class,
                () -> CodebookFiles.load(file));
        assertEquals(3, e.candidates().size());
        Codebooks half = CodebookFiles.load(file, "quantizer.codebooks");
        assertFalse(half.inited(), "quantizer.inited beside it");
        assertBitsEqual(floatsLE(dir.resolve("ref_half.f32")), half.toArray());
        Codebooks bf16 = CodebookFiles.load(file, "ema.codebooks");
        assertEquals(1, bf16.config().heads());
        assertTrue(bf16.inited(), "no ema.inited and no metadata flag");
        assertBitsEqual(floatsLE(dir.resolve("ref_bf16.f32")), bf16.toArray());
        assertBitsEqual(floatsLE(dir.resolve("ref_f64.f32")), CodebookFiles.load(file, "f64.codebooks").toArray());
    }

    @Test
    void csvBothWays() throws Exception {
        Codebooks codebooks = CodebookFilesTest.sample(2, 9, 3, 17, true);
        Path ours = dir.resolve("ours.csv");
        CodebookFiles.save(ours, codebooks);
        String out = run("""
                import sys, hashlib, numpy as np
                a = np.loadtxt(sys.argv[1], delimiter=',', skiprows=1, dtype=np.float64)
                heads, codes = a[:, 0].astype(int), a[:, 1].astype(int)
                v = np.loadtxt(sys.argv[1], delimiter=',', skiprows=1, dtype=np.float32)[:, 2:]
                c = np.zeros((heads.max() + 1, codes.max() + 1, v.shape[1]), '<f4')
                c[heads, codes] = v
                print(c.shape, hashlib.sha256(c.tobytes()).hexdigest())
                rng = np.random.default_rng(3)
                w = rng.standard_normal((2, 4, 3)).astype('<f4')
                rows = [(h, k, *w[h, k]) for h in range(2) for k in range(4)]
                rows = [rows[i] for i in rng.permutation(len(rows))]
                np.savetxt(sys.argv[2], rows, delimiter=',', fmt=['%d', '%d'] + ['%.9g'] * 3, header='head,code,v0,v1,v2', comments='')
                w.tofile(sys.argv[3])
                """, ours.toString(), dir.resolve("numpy.csv").toString(), dir.resolve("ref_csv.f32").toString());
        assertEquals("(2, 9, 3) " + sha256(codebooks.toArray()), out);
        Codebooks theirs = CodebookFiles.load(dir.resolve("numpy.csv"));
        assertEquals(2, theirs.config().heads());
        assertBitsEqual(floatsLE(dir.resolve("ref_csv.f32")), theirs.toArray());
    }

    @Test
    void usageAndMetaBothWays() throws Exception {
        String meta = "{\"config\":{\"heads\":2},\"app_version\":\"0.1.0\",\"created\":\"2024-06-01T12:00:00Z\",\"note\":\"\u00e9\"}";
        Codebooks codebooks = CodebookFilesTest.sample(2, 5, 3, 23, true);
        Path ours = dir.resolve("ours.npz");
        CodebookFiles.save(ours, CodebookDocument.of(codebooks, new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 1L << 40}, meta));
        String out = run("""
                import sys, json, numpy as np
                with np.load(sys.argv[1]) as z:
                    u, m = z['usage'], z['meta']
                    print(sorted(z.files), u.dtype.str, u.shape, u[1].tolist(), m.dtype.kind, m.shape, json.loads(str(m))['note'] == '\u00e9')
                    assert json.loads(str(m))['config'] == {'heads': 2}
                np.savez(sys.argv[2], codebooks=np.ones((2, 5, 3), np.float32), inited=np.array(False),
                         usage=np.arange(10, dtype=np.int64).reshape(2, 5), meta=np.array(json.dumps({'from': 'numpy', 'n': 10})))
                """, ours.toString(), dir.resolve("theirs.npz").toString());
        assertEquals("['codebooks', 'inited', 'meta', 'usage'] <i8 (2, 5) [5, 6, 7, 8, 1099511627776] U () True", out);
        CodebookDocument theirs = CodebookFiles.loadDocument(dir.resolve("theirs.npz"));
        assertFalse(theirs.codebooks().inited());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, theirs.usage().orElseThrow());
        assertEquals("{\"from\": \"numpy\", \"n\": 10}", theirs.meta().orElseThrow());
    }
}
