package vqlens.core.io.internal.torch;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

import vqlens.core.Printable;
import vqlens.core.io.internal.Origin;
import vqlens.core.io.internal.model.ElementType;
import vqlens.core.io.internal.model.Storage;
import vqlens.core.io.internal.model.StoredTensor;
import vqlens.core.io.internal.pickle.PickleReader;
import vqlens.core.io.internal.pickle.PicklePolicy;
import vqlens.core.io.internal.pickle.PlainGlobals;
import vqlens.core.io.internal.pickle.Py;

/**
 * What a {@code torch.save} pickle may call, no more than {@code torch.load(weights_only=True)} allows: the plain
 * containers, {@code torch._utils._rebuild_tensor_v2} (and {@code _rebuild_tensor}, {@code _rebuild_parameter},
 * {@code _rebuild_parameter_with_state}, {@code torch._tensor._rebuild_from_type_v2} for a plain tensor or
 * parameter), {@code torch.Size} and {@code torch.device}; a {@code BUILD} only of a dict's attributes (a
 * {@code state_dict}'s {@code _metadata}). A tensor becomes a {@link StoredTensor} over a storage that is opened
 * only if its values are read; its view is checked against the storage's declared size here.
 */
final class TorchPolicy implements PicklePolicy {
    static final int MAX_RANK = 64;

    /** Where a persistent id's storage lives: a zip entry or a legacy file's raw bytes. */
    interface Storages {
        /**
         * The storage {@code key} holding {@code numel} elements of {@code elementBytes} bytes, or a refusal.
         *
         * @param view the legacy format's view {@code (view key, offset, size)}, else {@code null}
         */
        Storage storage(String key, long numel, int elementBytes, Py.Tuple view);
    }

    record StorageType(ElementType type, String name, int bytes) {
    }

    /** A storage as a persistent id names it: typed, with its element count. */
    record TypedStorage(Storage storage, StorageType type, long numel) {
    }

    private static final Map<String, StorageType> STORAGE_TYPES = new HashMap<>();

    static {
        type("Float", ElementType.F32, 4);
        type("Double", ElementType.F64, 8);
        type("Half", ElementType.F16, 2);
        type("BFloat16", ElementType.BF16, 2);
        type("Long", ElementType.I64, 8);
        type("Int", ElementType.I32, 4);
        type("Short", ElementType.I16, 2);
        type("Char", ElementType.I8, 1);
        type("Byte", ElementType.U8, 1);
        type("Bool", ElementType.BOOL, 1);
        type("ComplexFloat", ElementType.OTHER, 8);
        type("ComplexDouble", ElementType.OTHER, 16);
        type("QInt8", ElementType.OTHER, 1);
        type("QUInt8", ElementType.OTHER, 1);
        type("QInt32", ElementType.OTHER, 4);
        type("QUInt4x2", ElementType.OTHER, 1);
        type("QUInt2x4", ElementType.OTHER, 1);
        STORAGE_TYPES.put("torch.UntypedStorage", new StorageType(ElementType.U8, "U8", 1));
        STORAGE_TYPES.put("torch.storage.UntypedStorage", new StorageType(ElementType.U8, "U8", 1));
    }

    private static void type(String prefix, ElementType type, int bytes) {
        STORAGE_TYPES.put("torch." + prefix + "Storage", new StorageType(type, type == ElementType.OTHER ? prefix : type.name(), bytes));
    }

    private final Origin origin;
    private final Storages storages;
    private final ByteOrder order;
    private final Map<String, TypedStorage> opened = new HashMap<>();

    TorchPolicy(Origin origin, Storages storages, ByteOrder order) {
        this.origin = origin;
        this.storages = storages;
        this.order = order;
    }

    @Override
    public Object call(Py.Global callee, Py.Tuple args, boolean newObject) {
        if (!newObject) {
            Object plain = PlainGlobals.call(origin, callee, args);
            if (plain != null) {
                return plain;
            }
            switch (PlainGlobals.canonical(callee)) {
                case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" -> {
                    return tensor(args);
                }
                case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
                    if (args.size() < 1 || !(args.get(0) instanceof StoredTensor t)) {
                        throw corrupt(callee + " takes a tensor");
                    }
                    return t;
                }
                case "torch._tensor._rebuild_from_type_v2" -> {
                    return fromType(callee, args);
                }
                case "torch.Size" -> {
                    if (args.size() != 1 || !(args.get(0) instanceof Py.Tuple dims)) {
                        throw corrupt("torch.Size takes one tuple");
                    }
                    return dims;
                }
                case "torch.device" -> {
                    return new Py.Opaque("torch.device");
                }
                default -> {
                }
            }
        }
        throw PickleReader.refusal(origin, callee, args, newObject);
    }

    /** {@code _rebuild_from_type_v2(func, new_type, args, state)}: allowed when the type is a plain tensor or parameter. */
    private Object fromType(Py.Global callee, Py.Tuple args) {
        if (args.size() != 4 || !(args.get(0) instanceof Py.Global func) || !(args.get(1) instanceof Py.Global type)
                || !(args.get(2) instanceof Py.Tuple funcArgs)) {
            throw corrupt(callee + " takes (function, type, arguments, state)");
        }
        String name = type.dotted();
        if (!name.equals("torch.Tensor") && !name.equals("torch.nn.parameter.Parameter")) {
            throw origin.fail("refused: the pickle makes a tensor of the class " + Printable.of(name)
                    + ", which is not on VQ Lens's list of allowed types; nothing was run");
        }
        return call(func, funcArgs, false);
    }

    /** {@code (storage, storage_offset, size, stride, …)}: a view, checked to lie inside the storage. */
    private StoredTensor tensor(Py.Tuple args) {
        if (args.size() < 4 || !(args.get(0) instanceof TypedStorage storage)) {
            throw corrupt("_rebuild_tensor_v2 takes (storage, offset, size, stride, …)");
        }
        long offset = nonNegative(args.get(1), "storage offset");
        long[] shape = longs(args.get(2), "size");
        long[] strides = longs(args.get(3), "stride");
        if (shape.length != strides.length) {
            throw corrupt("a tensor with " + shape.length + " sizes and " + strides.length + " strides");
        }
        long last = offset;
        boolean empty = false;
        try {
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                count = Math.multiplyExact(count, shape[i]);
                empty |= shape[i] == 0;
                if (shape[i] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, strides[i]));
                }
            }
        } catch (ArithmeticException e) {
            throw origin.fail("corrupt checkpoint: a tensor's size or view overflows");
        }
        if (!empty && last >= storage.numel()) {
            throw origin.fail("corrupt checkpoint: a tensor of size " + text(shape) + " at storage offset " + offset
                    + " reaches element " + last + " of storage " + Printable.quoted(storage.storage().id()) + ", which holds "
                    + storage.numel() + " (offset or view past its storage)");
        }
        StorageType type = storage.type();
        return new StoredTensor("", type.type(), type.name(), shape, strides, offset, order, storage.storage());
    }

    @Override
    public void build(Object target, Object state) {
        if (target instanceof Py.PyDict && (state instanceof Py.PyDict || state instanceof Py.Tuple)) {
            return; // an OrderedDict's attributes: a state_dict's _metadata (module versions)
        }
        throw origin.fail("refused: the pickle sets the state of a " + Py.typeName(target) + " (BUILD); VQ Lens constructs nothing from a file");
    }

    /** {@code ('storage', storage_type, key, location, numel[, view])}. */
    @Override
    public Object persistentLoad(Object pid) {
        if (!(pid instanceof Py.Tuple t) || t.size() < 5 || t.size() > 6 || !"storage".equals(t.get(0))) {
            throw origin.fail("refused: the pickle loads " + Py.typeName(pid) + " by persistent id, which is not a PyTorch storage");
        }
        if (!(t.get(1) instanceof Py.Global g) || !(t.get(2) instanceof String key)) {
            throw corrupt("a storage's persistent id needs a storage type and a key");
        }
        StorageType type = STORAGE_TYPES.get(g.dotted());
        if (type == null) {
            throw origin.fail("unsupported checkpoint: unknown storage type " + Printable.of(g.dotted()));
        }
        long numel = nonNegative(t.get(4), "storage size");
        Py.Tuple view = t.size() == 6 && t.get(5) instanceof Py.Tuple v ? v : null;
        if (view != null && view.size() != 3) {
            throw corrupt("a storage view needs (key, offset, size), found a tuple of " + view.size());
        }
        String id = key + (view == null ? "" : "/" + view.get(0));
        TypedStorage known = opened.get(id);
        if (known != null) {
            return known;
        }
        if (numel > Long.MAX_VALUE / type.bytes()) {
            throw origin.fail("corrupt checkpoint: storage " + Printable.quoted(key) + " declares " + numel + " elements");
        }
        TypedStorage storage = new TypedStorage(storages.storage(key, numel, type.bytes(), view), type, numel);
        opened.put(id, storage);
        return storage;
    }

    @Override
    public boolean knownName(Py.Global global) {
        String module = global.module();
        return module.equals("torch") || module.startsWith("torch.") || PlainGlobals.canonical(global).equals("collections.OrderedDict");
    }

    private long nonNegative(Object value, String what) {
        if (!(value instanceof Long n) || n < 0) {
            throw corrupt("a tensor's " + what + " must be a non-negative integer, found " + Py.typeName(value));
        }
        return n;
    }

    private long[] longs(Object value, String what) {
        if (!(value instanceof Py.Tuple t)) {
            throw corrupt("a tensor's " + what + " must be a tuple, found " + Py.typeName(value));
        }
        if (t.size() > MAX_RANK) {
            throw corrupt("a tensor of rank " + t.size() + " (at most " + MAX_RANK + ")");
        }
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nonNegative(t.get(i), what);
        }
        return out;
    }

    private static String text(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(']').toString();
    }

    private RuntimeException corrupt(String what) {
        return origin.fail("corrupt checkpoint: " + what);
    }
}
