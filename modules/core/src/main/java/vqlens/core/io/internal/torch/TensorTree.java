package vqlens.core.io.internal.torch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vqlens.core.io.internal.Origin;
import vqlens.core.io.internal.model.StoredTensor;
import vqlens.core.io.internal.pickle.Py;

/**
 * The tensors of an unpickled checkpoint with their keys: nesting levels (a Lightning file's {@code state_dict},
 * {@code {"model": …}}, {@code {"ema": …}}, optimizer state lists) joined with {@code /}, each level's key as it
 * is ({@code quantize.embedding.weight} keeps its dots; list positions and integer keys as numbers, a class used as
 * a key by its dotted name). Each container is visited once, however often the file shares it, at most
 * {@value #MAX_DEPTH} levels deep and {@value #MAX_TENSORS} tensors in all.
 */
final class TensorTree {
    static final int MAX_DEPTH = 32;
    static final int MAX_TENSORS = 1_000_000;

    private TensorTree() {
    }

    private record Visit(Object value, String key, int depth) {
    }

    /** The tensors under {@code root} in file order (a bare tensor saved alone has the key {@code ""}). */
    static List<StoredTensor> flatten(Origin origin, Object root) {
        List<StoredTensor> tensors = new ArrayList<>();
        Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Visit> todo = new ArrayDeque<>();
        todo.push(new Visit(root, "", 0));
        while (!todo.isEmpty()) {
            Visit v = todo.pop();
            if (v.value() instanceof StoredTensor t) {
                if (tensors.size() >= MAX_TENSORS) {
                    throw origin.fail("refused: the checkpoint holds more than " + MAX_TENSORS + " tensors");
                }
                tensors.add(withKey(t, v.key()));
                continue;
            }
            boolean container = v.value() instanceof Py.PyDict || v.value() instanceof Py.PyList || v.value() instanceof Py.Tuple;
            if (!container || !visited.add(v.value())) {
                continue;
            }
            List<Visit> children = children(v);
            if (v.depth() >= MAX_DEPTH) {
                throw origin.fail("refused: the checkpoint nests containers more than " + MAX_DEPTH + " levels deep");
            }
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i)); // reversed onto the stack: visited in file order
            }
        }
        return tensors;
    }

    private static List<Visit> children(Visit v) {
        List<Visit> out = new ArrayList<>();
        if (v.value() instanceof Py.PyDict d) {
            for (Map.Entry<Object, Object> e : d.entries().entrySet()) {
                out.add(new Visit(e.getValue(), join(v.key(), keyText(e.getKey())), v.depth() + 1));
            }
        } else if (v.value() instanceof Py.PyList l) {
            addItems(out, v, l.items());
        } else if (v.value() instanceof Py.Tuple t) {
            addItems(out, v, t.items());
        }
        return out;
    }

    private static void addItems(List<Visit> out, Visit v, List<Object> items) {
        for (int i = 0; i < items.size(); i++) {
            out.add(new Visit(items.get(i), join(v.key(), Integer.toString(i)), v.depth() + 1));
        }
    }

    private static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "/" + key;
    }

    private static String keyText(Object key) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof Py.Global g) {
            return g.dotted();
        }
        return String.valueOf(key);
    }

    private static StoredTensor withKey(StoredTensor t, String key) {
        return new StoredTensor(key, t.type(), t.dtypeName(), t.shape(), t.strides(), t.offset(), t.order(), t.storage());
    }
}
