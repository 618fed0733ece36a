package vqlens.core.io.internal.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.io.CodebookFileException;
import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.Origin;
import vqlens.core.testing.TestPython;

/**
 * The restricted pickle reader on pickles written by the real Python {@code pickle} module ({@code /usr/bin/python3},
 * all fixtures in one process): plain data comes back as inert values; every call of a global outside the
 * allowlist is refused in one line naming it, and the marker file a successful exploit would create never appears.
 */
class PickleReaderTest {

    @TempDir
    static Path dir;
    static Path marker;

    /** A policy allowing only the plain-data calls: what any checkpoint reader starts from. */
    private static final PicklePolicy PLAIN = new PicklePolicy() {
        @Override
        public Object call(Py.Global callee, Py.Tuple args, boolean newObject) {
            Object plain = newObject ? null : PlainGlobals.call(Origin.of(Path.of("t.pkl")), callee, args);
            if (plain == null) {
                throw PickleReader.refusal(Origin.of(Path.of("t.pkl")), callee, args, newObject);
            }
            return plain;
        }

        @Override
        public void build(Object target, Object state) {
            throw Origin.of(Path.of("t.pkl")).fail("refused: BUILD on " + Py.typeName(target));
        }

        @Override
        public Object persistentLoad(Object pid) {
            throw Origin.of(Path.of("t.pkl")).fail("refused: persistent id");
        }

        @Override
        public boolean knownName(Py.Global global) {
            return false;
        }
    };

    @BeforeAll
    static void writeFixtures() throws Exception {
        marker = dir.resolve("pwned");
        String script = String.join("\n",
                "import pickle, collections, os, sys, struct",
                "d, marker = sys.argv[1], sys.argv[2]",
                "def put(name, data):",
                "    open(os.path.join(d, name), 'wb').write(data)",
                "class Sys:",
                "    def __reduce__(self): return (os.system, ('touch ' + marker,))",
                "class Ev:",
                "    def __reduce__(self): return (eval, (\"open(%r,'w')\" % marker,))",
                "import subprocess",
                "class Po:",
                "    def __reduce__(self): return (subprocess.Popen, (['touch', marker],))",
                "class User:",
                "    def __init__(self): self.x = 1",
                "plain = collections.OrderedDict([('a', 1), ('b', [1.5, 'x', (2, 3)]), ('c', {'k': b'\\x00\\x01'}), ('big', 2**70)])",
                "for p in (2, 3, 4, 5):",
                "    put('plain%d.pkl' % p, pickle.dumps(plain, protocol=p))",
                "put('system.pkl', pickle.dumps(Sys(), protocol=2))",
                "put('eval.pkl', pickle.dumps(Ev(), protocol=4))",
                "put('popen.pkl', pickle.dumps(Po(), protocol=2))",
                "put('user.pkl', pickle.dumps(User(), protocol=2))",
                // Python 2's alias: GLOBAL 'commands getoutput', a tuple, REDUCE
                "put('commands.pkl', b'\\x80\\x02ccommands\\ngetoutput\\nX' + struct.pack('<I', len('touch ' + marker)) + ('touch ' + marker).encode() + b'\\x85R.')",
                "named = pickle.dumps({'cb': pickle.loads(b'\\x80\\x02cos\\nsystem\\n.')}, protocol=2)",
                "put('named.pkl', named)",
                // a dict keyed by a list: EMPTY_DICT, EMPTY_LIST, NONE, SETITEM
                "put('listkey.pkl', b'\\x80\\x02}]NsN.'[:-2] + b'.')",
                // a memo DAG whose expansion doubles 100 times (2^100 items if copied, 101 objects if shared)
                "put('dag.pkl', b'\\x80\\x02]q\\x00' + b'h\\x00h\\x00\\x86q\\x00' * 100 + b'.')",
                // a list bomb: one memoised string appended 5 million times (15 MB of pickle)
                "put('bomb.pkl', b'\\x80\\x02]X\\x01\\x00\\x00\\x00xq\\x000' + b'h\\x00a' * 5000000 + b'.')",
                "put('hugebytes.pkl', b'\\x80\\x04\\x8e' + struct.pack('<Q', 1 << 60) + b'xx.')",
                "");
        TestPython.run(script, dir.toString(), marker.toString());
    }

    private static Object read(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(name));
        Origin origin = Origin.of(dir.resolve(name));
        return PickleReader.read(origin, new PickleInput(origin, ByteRegion.ofArray(bytes), 0), PLAIN).value();
    }

    private static String refusal(String name) {
        CodebookFileException e = assertThrows(CodebookFileException.class, () -> read(name));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(Files.exists(marker), "the exploit ran");
        return e.getMessage();
    }

    @Test
    void plainDataOfEveryBinaryProtocolComesBackInert() throws IOException {
        for (int p = 2; p <= 5; p++) {
            Py.PyDict d = (Py.PyDict) read("plain" + p + ".pkl");
            assertEquals(Arrays.asList("a", "b", "c", "big"), d.entries().keySet().stream().toList(), "protocol " + p);
            assertEquals(1L, ((Number) d.entries().get("a")).longValue(), "protocol " + p);
            Py.PyList b = (Py.PyList) d.entries().get("b");
            assertEquals(1.5, b.items().get(0));
            assertEquals("x", b.items().get(1));
            assertEquals(Py.Tuple.of(2L, 3L), normalised((Py.Tuple) b.items().get(2)));
            Py.PyDict c = (Py.PyDict) d.entries().get("c");
            assertEquals(new Py.Bytes(new byte[] {0, 1}), c.entries().get("k"));
            assertEquals(java.math.BigInteger.TWO.pow(70), d.entries().get("big"));
        }
    }

    private static Py.Tuple normalised(Py.Tuple t) {
        return Py.Tuple.of(t.items().stream().map(o -> ((Number) o).longValue()).toArray());
    }

    @Test
    void callsOfUnlistedGlobalsAreRefusedByName() {
        assertTrue(refusal("system.pkl").contains("system"), refusal("system.pkl"));
        assertTrue(refusal("eval.pkl").contains("builtins.eval"), refusal("eval.pkl"));
        assertTrue(refusal("popen.pkl").contains("subprocess.Popen"), refusal("popen.pkl")); // protocol 2 spells it commands.Popen
        String commands = refusal("commands.pkl");
        assertTrue(commands.contains("commands.getoutput") && commands.contains("subprocess.getoutput"), commands);
        String user = refusal("user.pkl");
        assertTrue(user.contains("__main__.User") && user.contains("constructs"), user);
    }

    @Test
    void aGlobalOnlyNamedStaysAnInertNote() throws IOException {
        Path file = dir.resolve("named.pkl");
        byte[] bytes = Files.readAllBytes(file);
        Origin origin = Origin.of(file);
        PickleReader.Result r = PickleReader.read(origin, new PickleInput(origin, ByteRegion.ofArray(bytes), 0), PLAIN);
        assertEquals(1, r.inertNames().size(), r.inertNames().toString());
        assertTrue(r.inertNames().get(0).dotted().endsWith("system"), r.inertNames().toString());
        assertFalse(Files.exists(marker));
    }

    @Test
    void hostileShapesAreRefusedWithoutAllocatingOrLooping() {
        assertTrue(refusal("listkey.pkl").contains("key"), refusal("listkey.pkl"));
        assertTrue(refusal("bomb.pkl").contains("values"), refusal("bomb.pkl"));
        refusal("hugebytes.pkl");
    }

    @Test
    void aSharedMemoDagIsReadWithoutExpandingIt() throws IOException {
        assertTrue(read("dag.pkl") instanceof Py.Tuple);
    }

    @Test
    void everyTruncationIsRefusedInOneLine() throws IOException {
        byte[] whole = Files.readAllBytes(dir.resolve("plain4.pkl"));
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            Origin origin = Origin.of(dir.resolve("cut.pkl"));
            CodebookFileException e = assertThrows(CodebookFileException.class,
                    () -> PickleReader.read(origin, new PickleInput(origin, ByteRegion.ofArray(cut), 0), PLAIN), "cut at " + n);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
