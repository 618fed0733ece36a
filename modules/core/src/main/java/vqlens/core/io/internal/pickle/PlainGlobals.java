package vqlens.core.io.internal.pickle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import vqlens.core.io.internal.Origin;

/**
 * The calls any restricted pickle may make because they only build plain data: {@code collections.OrderedDict}
 * and {@code Counter}, {@code builtins.set}/{@code frozenset}, {@code _codecs.encode} and
 * {@code builtins.bytearray} (how protocol 2 spells bytes). Python 2 names ({@code __builtin__},
 * {@code copy_reg}) are read as their Python 3 modules, as pickle's own compatibility mapping does.
 */
public final class PlainGlobals {
    private PlainGlobals() {
    }

    /** {@code __builtin__.set} → {@code builtins.set}; other names unchanged. */
    public static String canonical(Py.Global g) {
        String module = switch (g.module()) {
            case "__builtin__" -> "builtins";
            case "copy_reg" -> "copyreg";
            default -> g.module();
        };
        return module + "." + g.name();
    }

    /** The plain value of an allowed call, or {@code null} if {@code callee} is not one of these. */
    public static Object call(Origin origin, Py.Global callee, Py.Tuple args) {
        switch (canonical(callee)) {
            case "collections.OrderedDict", "collections.Counter", "builtins.dict" -> {
                Py.PyDict dict = new Py.PyDict();
                if (args.size() == 1 && args.get(0) instanceof Py.PyList pairs) {
                    for (Object pair : pairs.items()) {
                        if (!(pair instanceof Py.Tuple t && t.size() == 2) && !(pair instanceof Py.PyList l && l.items().size() == 2)) {
                            throw origin.fail("corrupt pickle: " + callee + " takes (key, value) pairs");
                        }
                        Object k = pair instanceof Py.Tuple t ? t.get(0) : ((Py.PyList) pair).items().get(0);
                        Object v = pair instanceof Py.Tuple t ? t.get(1) : ((Py.PyList) pair).items().get(1);
                        dict.entries.put(PickleReader.checkedKey(origin, k), v);
                    }
                } else if (args.size() != 0) {
                    throw origin.fail("corrupt pickle: " + callee + " called with " + args.size() + " arguments");
                }
                return dict;
            }
            case "builtins.set", "builtins.frozenset" -> {
                Py.PySet set = new Py.PySet();
                if (args.size() == 1 && args.get(0) instanceof Py.PyList items) {
                    for (Object item : items.items()) {
                        set.items.add(PickleReader.checkedKey(origin, item));
                    }
                } else if (args.size() != 0) {
                    throw origin.fail("corrupt pickle: " + callee + " takes one list");
                }
                return set;
            }
            case "_codecs.encode" -> {
                if (args.size() != 2 || !(args.get(0) instanceof String text) || !(args.get(1) instanceof String encoding)) {
                    throw origin.fail("corrupt pickle: _codecs.encode takes (text, encoding)");
                }
                if (!encoding.equals("latin1") && !encoding.equals("latin-1")) {
                    throw origin.fail("refused: the pickle encodes bytes as " + encoding + " (only latin1 is read)");
                }
                return new Py.Bytes(text.getBytes(StandardCharsets.ISO_8859_1));
            }
            case "builtins.bytearray", "builtins.bytes" -> {
                if (args.size() == 0) {
                    return new Py.Bytes(new byte[0]);
                }
                if (args.size() >= 1 && args.get(0) instanceof Py.Bytes b) {
                    return b;
                }
                if (args.size() == 2 && args.get(0) instanceof String text && args.get(1) instanceof String) {
                    return new Py.Bytes(text.getBytes(StandardCharsets.ISO_8859_1));
                }
                throw origin.fail("corrupt pickle: " + callee + " takes bytes");
            }
            case "builtins.complex" -> {
                for (Object a : args.items()) {
                    if (!(a instanceof Double || a instanceof Long || a instanceof BigInteger)) {
                        throw origin.fail("corrupt pickle: complex takes numbers");
                    }
                }
                return new Py.Opaque("complex");
            }
            default -> {
                return null;
            }
        }
    }
}
