package vqlens.core.io.internal.pickle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vqlens.core.io.internal.Origin;
import vqlens.core.Printable;

/**
 * Reads one pickle (protocols 2 to 5, the binary opcodes) into inert values: a restricted unpickler. What it
 * accepts is an allowlist of opcodes; everything that would run code ({@code REDUCE}, {@code NEWOBJ},
 * {@code BUILD}, {@code BINPERSID}) is handed to the {@link PicklePolicy}, which allows a few calls and refuses
 * the rest. Opcodes that can only run or import code ({@code INST}, {@code OBJ}, {@code EXT1..4}, out-of-band
 * buffers) and the text opcodes of protocol 0 (which {@code torch.save} never writes) are refused.
 *
 * <p>Bounds: at most {@value #MAX_BYTES} bytes of pickle, {@value #MAX_UNITS} values and container slots
 * together (a memo or list bomb stops there), dict keys only of hashable types (strings, numbers, bytes,
 * globals and tuples of those, at most {@value #MAX_KEY_DEPTH} tuples deep). No recursion: nesting costs no
 * stack.
 */
public final class PickleReader {
    /** Largest pickle read; PyTorch's data.pkl of a model with 100,000 tensors is about 15 MB. */
    public static final long MAX_BYTES = 64L << 20;
    /** Values made plus items put into containers. */
    public static final long MAX_UNITS = 4_000_000;
    static final int MAX_KEY_DEPTH = 4;
    private static final int MAX_LONG_BYTES = 1 << 12;
    private static final int MAX_LINE = 1 << 10;

    private final Origin origin;
    private final PickleInput in;
    private final PicklePolicy policy;
    private final long start;
    private final Map<Long, Object> memo = new HashMap<>();
    private final Set<Py.Global> named = new LinkedHashSet<>();
    private final Set<Py.Global> used = new LinkedHashSet<>();
    private List<Object> stack = new ArrayList<>();
    private final List<List<Object>> marks = new ArrayList<>();
    private long units;
    private int opcodeAt;

    private PickleReader(Origin origin, PickleInput in, PicklePolicy policy) {
        this.origin = origin;
        this.in = in;
        this.policy = policy;
        this.start = in.position();
    }

    /** The value of one pickle read from {@code in}'s position, and the globals it named without calling them. */
    public record Result(Object value, List<Py.Global> inertNames) {
    }

    public static Result read(Origin origin, PickleInput in, PicklePolicy policy) {
        PickleReader reader = new PickleReader(origin, in, policy);
        Object value = reader.run();
        List<Py.Global> inert = new ArrayList<>();
        for (Py.Global g : reader.named) {
            if (!reader.used.contains(g) && !policy.knownName(g)) {
                inert.add(g);
            }
        }
        return new Result(value, List.copyOf(inert));
    }

    private Object run() {
        while (true) {
            if (in.position() - start > MAX_BYTES) {
                throw origin.fail("pickle larger than " + (MAX_BYTES >> 20) + " MiB; refused (not a checkpoint's data.pkl?)");
            }
            opcodeAt = (int) Math.min(Integer.MAX_VALUE, in.position());
            int op = in.readOpcode();
            switch (op) {
                case -1 -> throw origin.fail("truncated pickle: it ends at byte " + in.position() + " without its STOP opcode");
                case 0x80 -> { // PROTO
                    int protocol = in.readByte();
                    if (protocol > 5) {
                        throw origin.fail("pickle protocol " + protocol + " is newer than Python's (at most 5)");
                    }
                }
                case 0x95 -> in.skip(8, "FRAME"); // FRAME: a length hint only
                case '.' -> { // STOP
                    Object value = pop("STOP");
                    return value;
                }
                case '(' -> { // MARK
                    count(marks);
                    marks.add(stack);
                    stack = new ArrayList<>();
                }
                case '0' -> pop("POP");
                case '1' -> popMark("POP_MARK");
                case '2' -> push(peek("DUP"));
                case 'N' -> push(Py.NONE);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push(count((long) (int) in.readLong(4, false)));
                case 'K' -> push(count((long) in.readByte()));
                case 'M' -> push(count(in.readLong(2, false)));
                case 0x8a -> push(count(longValue(in.readByte())));
                case 0x8b -> push(count(longValue(length(in.readLong(4, false) & 0xffffffffL, MAX_LONG_BYTES, "LONG4"))));
                case 'G' -> push(count(Double.longBitsToDouble(in.readLong(8, true))));
                case 'X' -> push(count(text(in.readLong(4, false) & 0xffffffffL, "BINUNICODE")));
                case 0x8c -> push(count(text(in.readByte(), "SHORT_BINUNICODE")));
                case 0x8d -> push(count(text(in.readLong(8, false), "BINUNICODE8")));
                case 'U' -> push(count(text(in.readByte(), "SHORT_BINSTRING")));
                case 'T' -> push(count(text((long) (int) in.readLong(4, false), "BINSTRING")));
                case 'C' -> push(count(new Py.Bytes(in.readBytes(in.readByte(), "SHORT_BINBYTES"))));
                case 'B' -> push(count(new Py.Bytes(in.readBytes(in.readLong(4, false) & 0xffffffffL, "BINBYTES"))));
                case 0x8e -> push(count(new Py.Bytes(in.readBytes(in.readLong(8, false), "BINBYTES8"))));
                case 0x96 -> push(count(new Py.Bytes(in.readBytes(in.readLong(8, false), "BYTEARRAY8"))));
                case ')' -> push(count(new Py.Tuple(new Object[0])));
                case 0x85 -> tuple(1);
                case 0x86 -> tuple(2);
                case 0x87 -> tuple(3);
                case 't' -> push(count(new Py.Tuple(popMark("TUPLE").toArray())));
                case ']' -> push(count(new Py.PyList()));
                case 'l' -> { // LIST
                    Py.PyList list = count(new Py.PyList());
                    addAll(list.items, popMark("LIST"));
                    push(list);
                }
                case 'a' -> { // APPEND
                    Object item = pop("APPEND");
                    addAll(target(Py.PyList.class, "APPEND").items, List.of(item));
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark("APPENDS");
                    addAll(target(Py.PyList.class, "APPENDS").items, items);
                }
                case '}' -> push(count(new Py.PyDict()));
                case 'd' -> { // DICT
                    Py.PyDict dict = count(new Py.PyDict());
                    putAll(dict, popMark("DICT"));
                    push(dict);
                }
                case 's' -> { // SETITEM
                    Object value = pop("SETITEM");
                    Object key = pop("SETITEM");
                    putAll(target(Py.PyDict.class, "SETITEM"), List.of(key, value));
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark("SETITEMS");
                    putAll(target(Py.PyDict.class, "SETITEMS"), items);
                }
                case 0x8f -> push(count(new Py.PySet()));
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popMark("ADDITEMS");
                    Py.PySet set = target(Py.PySet.class, "ADDITEMS");
                    for (Object item : items) {
                        set.items.add(checkedKey(origin, item));
                    }
                    units += items.size();
                    checkBudget();
                }
                case 0x91 -> { // FROZENSET
                    Py.PySet set = count(new Py.PySet());
                    for (Object item : popMark("FROZENSET")) {
                        set.items.add(checkedKey(origin, item));
                    }
                    push(set);
                }
                case 'q' -> memoPut(in.readByte());
                case 'r' -> memoPut(in.readLong(4, false) & 0xffffffffL);
                case 0x94 -> memoPut(memo.size()); // MEMOIZE
                case 'h' -> push(memoGet(in.readByte()));
                case 'j' -> push(memoGet(in.readLong(4, false) & 0xffffffffL));
                case 'c' -> { // GLOBAL
                    String module = in.readLine(MAX_LINE, "GLOBAL's module");
                    String name = in.readLine(MAX_LINE, "GLOBAL's name");
                    push(global(module, name));
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop("STACK_GLOBAL");
                    Object module = pop("STACK_GLOBAL");
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw corrupt("STACK_GLOBAL needs two strings");
                    }
                    push(global(m, n));
                }
                case 'R' -> { // REDUCE
                    Object args = pop("REDUCE");
                    Object callee = pop("REDUCE");
                    push(call(callee, args, false, "REDUCE"));
                }
                case 0x81 -> { // NEWOBJ
                    Object args = pop("NEWOBJ");
                    Object cls = pop("NEWOBJ");
                    push(call(cls, args, true, "NEWOBJ"));
                }
                case 0x92 -> { // NEWOBJ_EX
                    Object kwargs = pop("NEWOBJ_EX");
                    Object args = pop("NEWOBJ_EX");
                    Object cls = pop("NEWOBJ_EX");
                    if (!(kwargs instanceof Py.PyDict d) || !d.entries.isEmpty()) {
                        throw refusedCall(cls, "NEWOBJ_EX with keyword arguments");
                    }
                    push(call(cls, args, true, "NEWOBJ_EX"));
                }
                case 'b' -> { // BUILD
                    Object state = pop("BUILD");
                    Object target = peek("BUILD");
                    if (target instanceof Py.Global g) {
                        used.add(g);
                        throw origin.fail("refused: the pickle sets the state of " + Printable.of(g.dotted())
                                + " (BUILD on a class); VQ Lens constructs nothing from a file");
                    }
                    policy.build(target, state);
                }
                case 'Q' -> push(policy.persistentLoad(pop("BINPERSID")));
                case 'i', 'o' -> throw refusedInstOrObj(op);
                case 0x82, 0x83, 0x84 -> throw origin.fail("refused: the pickle uses the copyreg extension registry (EXT"
                        + (op == 0x82 ? 1 : op == 0x83 ? 2 : 4) + "), which would import code; VQ Lens imports nothing");
                case 0x97, 0x98 -> throw origin.fail("refused: the pickle uses out-of-band buffers (protocol 5), which a file cannot hold");
                case 'I', 'L', 'F', 'S', 'V', 'g', 'p', 'P' -> throw origin.fail("unsupported pickle: text opcode '" + (char) op
                        + "' of protocol 0 at byte " + opcodeAt + " (torch.save writes protocol 2)");
                default -> throw origin.fail("corrupt pickle: unknown opcode 0x" + Integer.toHexString(op) + " at byte " + opcodeAt);
            }
        }
    }

    private Py.Global global(String module, String name) {
        Py.Global g = count(new Py.Global(module, name));
        if (named.size() < 10_000) {
            named.add(g);
        }
        return g;
    }

    private Object call(Object callee, Object args, boolean newObject, String opcode) {
        if (!(callee instanceof Py.Global g)) {
            throw corrupt(opcode + " on " + Py.typeName(callee) + ", which is not a name of a function or class");
        }
        used.add(g);
        if (!(args instanceof Py.Tuple t)) {
            throw corrupt(opcode + " of " + Printable.of(g.dotted()) + " needs a tuple of arguments, got " + Py.typeName(args));
        }
        for (Object a : t.items()) {
            if (a instanceof Py.Global named) {
                used.add(named); // e.g. the class given to copyreg._reconstructor is part of the call
            }
        }
        Object value = policy.call(g, t, newObject);
        units++;
        checkBudget();
        return value;
    }

    /**
     * The one-line refusal for a call the policy does not allow, naming what would have run: a pickled object
     * of a class (a whole {@code torch.save(model)}, a user class) or a function such as {@code os.system}.
     */
    public static RuntimeException refusal(Origin origin, Py.Global callee, Py.Tuple args, boolean newObject) {
        String name = PlainGlobals.canonical(callee);
        String cls = null;
        if ((name.equals("copyreg._reconstructor") || name.equals("copyreg.__newobj__")) && args.size() > 0
                && args.get(0) instanceof Py.Global c) {
            cls = c.dotted();
        } else if (newObject) {
            cls = callee.dotted();
        }
        if (cls != null) {
            boolean model = cls.startsWith("torch.nn.modules.") || cls.startsWith("__main__.");
            return origin.fail("refused: the pickle constructs a " + Printable.of(cls) + " object ("
                    + (model ? "a whole model saved with torch.save(model)?" : "a pickled class") + "); VQ Lens constructs and "
                    + "runs nothing from a file" + (model ? ": save model.state_dict() instead" : ""));
        }
        String alias = callee.module().equals("commands") ? " (Python 2's name for subprocess." + callee.name() + ")" : "";
        return origin.fail("refused: the pickle calls " + Printable.of(callee.dotted()) + alias
                + ", which is not on VQ Lens's list of allowed functions; nothing was run");
    }

    private RuntimeException refusedCall(Object callee, String what) {
        String name = callee instanceof Py.Global g ? g.dotted() : Py.typeName(callee);
        return origin.fail("refused: the pickle calls " + Printable.of(name) + " (" + what + "); nothing was run");
    }

    private RuntimeException refusedInstOrObj(int op) {
        if (op == 'i') {
            String module = in.readLine(MAX_LINE, "INST's module");
            String name = in.readLine(MAX_LINE, "INST's name");
            return refusal(origin, new Py.Global(module, name), Py.Tuple.of(), true);
        }
        return origin.fail("refused: the pickle constructs an object (OBJ); VQ Lens constructs nothing from a file");
    }

    /** Keys must be hashable: scalars, bytes, names, and tuples of those (Python refuses lists and dicts too). */
    static Object checkedKey(Origin origin, Object key) {
        checkHashable(origin, key, 0);
        return key;
    }

    private static void checkHashable(Origin origin, Object key, int depth) {
        if (key instanceof Py.Tuple t) {
            if (depth >= MAX_KEY_DEPTH) {
                throw origin.fail("refused: a dict key nested more than " + MAX_KEY_DEPTH + " tuples deep");
            }
            for (Object item : t.items()) {
                checkHashable(origin, item, depth + 1);
            }
            return;
        }
        if (key instanceof Py.PyList || key instanceof Py.PyDict || key instanceof Py.PySet) {
            throw origin.fail("refused: the pickle uses a " + Py.typeName(key) + " as a dict key or set item (unhashable; corrupt or hostile)");
        }
        if (!(key instanceof String || key instanceof Long || key instanceof BigInteger || key instanceof Double
                || key instanceof Boolean || key == Py.NONE || key instanceof Py.Bytes || key instanceof Py.Global
                || key instanceof Py.Opaque)) {
            throw origin.fail("refused: the pickle uses a " + Py.typeName(key) + " as a dict key");
        }
    }

    private void putAll(Py.PyDict dict, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw corrupt("odd number of items for a dict");
        }
        for (int i = 0; i < items.size(); i += 2) {
            dict.entries.put(checkedKey(origin, items.get(i)), items.get(i + 1));
        }
        units += items.size() / 2;
        checkBudget();
    }

    private void addAll(List<Object> list, List<Object> items) {
        list.addAll(items);
        units += items.size();
        checkBudget();
    }

    private <T> T target(Class<T> type, String opcode) {
        Object top = peek(opcode);
        if (!type.isInstance(top)) {
            throw corrupt(opcode + " on " + Py.typeName(top));
        }
        return type.cast(top);
    }

    private void tuple(int n) {
        if (stack.size() < n) {
            throw corrupt("TUPLE" + n + " with " + stack.size() + " values on the stack");
        }
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = stack.remove(stack.size() - 1);
        }
        push(count(new Py.Tuple(items)));
    }

    private void memoPut(long index) {
        if (index < 0) {
            throw corrupt("negative memo index");
        }
        memo.put(index, peek("PUT"));
        units++;
        checkBudget();
    }

    private Object memoGet(long index) {
        Object value = memo.get(index);
        if (value == null) {
            throw corrupt("memo entry " + index + " is read before it is written");
        }
        return value;
    }

    private String text(long length, String opcode) {
        byte[] bytes = in.readBytes(length, opcode);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long length(long n, long max, String opcode) {
        if (n > max) {
            throw corrupt(opcode + " of " + n + " bytes (at most " + max + " are read)");
        }
        return n;
    }

    private Object longValue(long length) {
        byte[] bytes = in.readBytes(length, "LONG");
        if (bytes.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        BigInteger value = new BigInteger(bigEndian);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private <T> T count(T value) {
        units++;
        checkBudget();
        return value;
    }

    private void checkBudget() {
        if (units > MAX_UNITS) {
            throw origin.fail("refused: the pickle makes more than " + MAX_UNITS + " values and container items (a memo or list bomb?)");
        }
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object pop(String opcode) {
        if (stack.isEmpty()) {
            throw corrupt(opcode + " on an empty stack");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek(String opcode) {
        if (stack.isEmpty()) {
            throw corrupt(opcode + " on an empty stack");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark(String opcode) {
        if (marks.isEmpty()) {
            throw corrupt(opcode + " without a MARK");
        }
        List<Object> items = stack;
        stack = marks.remove(marks.size() - 1);
        return items;
    }

    private RuntimeException corrupt(String what) {
        return origin.fail("corrupt pickle: " + what + " (opcode at byte " + opcodeAt + ")");
    }
}
