package vqlens.core.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.testing.TestPython;

/**
 * The ZIP reader on archives made by the real writers, all in one {@code /usr/bin/python3} process:
 * {@code torch.save} to a path and to a buffer (ZIP64 end record always, 64-byte alignment padding in extra
 * fields), {@code numpy.savez}/{@code savez_compressed}, and Python's {@code zipfile} with data descriptors
 * (written to a non-seekable stream), forced ZIP64 headers, extra fields and a comment. Each entry's name, size
 * and bytes (CRC-32) must match what Python's own {@code zipfile} lists.
 */
class ZipArchiveWritersTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeArchives() throws Exception {
        String script = String.join("\n",
                "import sys, os, io, zipfile, torch, numpy as np",
                "d = sys.argv[1]",
                "torch.manual_seed(0)",
                "sd = {'quantize.embedding.weight': torch.randn(16, 4), 'step': torch.tensor(3)}",
                "torch.save(sd, os.path.join(d, 'torch_path.pt'))",
                "buf = io.BytesIO(); torch.save(sd, buf); open(os.path.join(d, 'torch_buffer.pt'), 'wb').write(buf.getvalue())",
                "np.savez(os.path.join(d, 'savez.npz'), a=np.arange(10, dtype=np.float32), b=np.ones((3, 2)))",
                "np.savez_compressed(os.path.join(d, 'savez_compressed.npz'), a=np.arange(1000, dtype=np.float32))",
                "class Unseekable(io.RawIOBase):",
                "    def __init__(self, f): self.f = f",
                "    def writable(self): return True",
                "    def write(self, b): return self.f.write(b)",
                "with open(os.path.join(d, 'descriptors.zip'), 'wb') as f:",
                "    with zipfile.ZipFile(Unseekable(f), 'w', zipfile.ZIP_DEFLATED) as z:",
                "        z.writestr('a.txt', b'hello ' * 100)",
                "        z.writestr('b.bin', bytes(range(256)))",
                "with zipfile.ZipFile(os.path.join(d, 'zip64.zip'), 'w') as z:",
                "    with z.open('big.bin', 'w', force_zip64=True) as e: e.write(b'x' * 5000)",
                "    i = zipfile.ZipInfo('extra.bin'); i.extra = b'\\xfe\\xca\\x04\\x00abcd'; z.writestr(i, b'payload')",
                "    z.comment = b'a comment'",
                "with open(os.path.join(d, 'manifest.txt'), 'w') as m:",
                "    for name in sorted(os.listdir(d)):",
                "        if name == 'manifest.txt': continue",
                "        with zipfile.ZipFile(os.path.join(d, name)) as z:",
                "            assert z.testzip() is None",
                "            for i in z.infolist(): m.write('%s\\t%s\\t%d\\t%d\\n' % (name, i.filename, i.file_size, i.CRC))",
                "");
        TestPython.run(script, dir.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"torch_path.pt", "torch_buffer.pt", "savez.npz", "savez_compressed.npz", "descriptors.zip", "zip64.zip"})
    void everyEntryMatchesPythonsZipfile(String file) throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("manifest.txt"))) {
            String[] f = line.split("\t");
            if (f[0].equals(file)) {
                expected.add(f[1] + " " + f[2] + " " + Long.parseLong(f[3]));
            }
        }
        List<String> actual = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(dir.resolve(file))) {
            ZipArchive zip = ZipArchive.read(Origin.of(dir.resolve(file)), ByteRegion.ofFile(ch, 0, ch.size()));
            for (ZipArchive.Entry e : zip.entries()) {
                ByteRegion data = zip.open(e, 1 << 20);
                ByteBuffer bytes = ByteBuffer.allocate((int) data.size());
                data.readFully(0, bytes);
                CRC32 crc = new CRC32();
                crc.update(bytes.flip());
                actual.add(e.name() + " " + data.size() + " " + crc.getValue());
            }
        }
        assertEquals(expected, actual, file);
        if (file.startsWith("torch_")) {
            String top = file.equals("torch_path.pt") ? "torch_path/" : "archive/";
            assertEquals(top + "data.pkl", actual.get(0).split(" ")[0], "torch's top folder");
        }
    }
}
