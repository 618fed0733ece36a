package vqlens.core.io.internal.pickle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vqlens.core.Printable;

/**
 * The Python values a pickle can hold, as inert Java data. Scalars are plain Java objects: {@code String},
 * {@code Long} or {@code BigInteger}, {@code Double}, {@code Boolean}, and {@link #NONE}; containers are the
 * types below. Lists, dicts and sets compare by identity (a file may share one container under several names);
 * tuples, bytes and globals by value, because they can be dict keys.
 */
public final class Py {
    /** Python's {@code None}. */
    public static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private Py() {
    }

    /** A module-level name ({@code GLOBAL}): only a name, nothing is imported. */
    public record Global(String module, String name) {
        /** {@code module.name}, as Python writes it. */
        public String dotted() {
            return module + "." + name;
        }

        /** {@link #dotted}, printable: the name came from a file and goes into messages. */
        @Override
        public String toString() {
            return Printable.of(dotted());
        }
    }

    /** A value the policy allowed but keeps no content of, e.g. a NumPy scalar or a {@code torch.device}. */
    public record Opaque(String what) {
    }

    /** {@code bytes} or {@code bytearray}. */
    public record Bytes(byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "bytes[" + value.length + "]";
        }
    }

    /** A tuple; equal by content (only hashable tuples ever become dict keys). */
    public static final class Tuple {
        private final Object[] items;

        Tuple(Object[] items) {
            this.items = items;
        }

        public static Tuple of(Object... items) {
            return new Tuple(items.clone());
        }

        public int size() {
            return items.length;
        }

        public Object get(int i) {
            return items[i];
        }

        public List<Object> items() {
            return Arrays.asList(items);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tuple t && Arrays.equals(t.items, items);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(items);
        }

        @Override
        public String toString() {
            return "tuple[" + items.length + "]";
        }
    }

    /** A list. */
    public static final class PyList {
        final List<Object> items = new ArrayList<>();

        public List<Object> items() {
            return items;
        }

        @Override
        public String toString() {
            return "list[" + items.size() + "]";
        }
    }

    /** A dict ({@code dict}, {@code OrderedDict}): insertion order, as Python keeps it. */
    public static final class PyDict {
        final Map<Object, Object> entries = new LinkedHashMap<>();

        public Map<Object, Object> entries() {
            return entries;
        }

        @Override
        public String toString() {
            return "dict[" + entries.size() + "]";
        }
    }

    /** A set or frozenset (kept as the list of its items). */
    public static final class PySet {
        final List<Object> items = new ArrayList<>();

        public List<Object> items() {
            return items;
        }

        @Override
        public String toString() {
            return "set[" + items.size() + "]";
        }
    }

    /** A short description of a value's type, for messages. */
    public static String typeName(Object value) {
        if (value == NONE) {
            return "None";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Long || value instanceof java.math.BigInteger) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Bytes) {
            return "bytes";
        }
        if (value instanceof Tuple) {
            return "tuple";
        }
        if (value instanceof PyList) {
            return "list";
        }
        if (value instanceof PyDict) {
            return "dict";
        }
        if (value instanceof PySet) {
            return "set";
        }
        if (value instanceof Global g) {
            return "the name " + g;
        }
        return value.getClass().getSimpleName();
    }
}
