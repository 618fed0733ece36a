package vqlens.core.io.internal.torch;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vqlens.core.Printable;
import vqlens.core.io.CodebookFormat;
import vqlens.core.io.SourceFormat;
import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.ModelCodebooks;
import vqlens.core.io.internal.Origin;
import vqlens.core.io.internal.model.Storage;
import vqlens.core.io.internal.model.StoredTensor;
import vqlens.core.io.internal.pickle.PickleInput;
import vqlens.core.io.internal.pickle.PickleReader;
import vqlens.core.io.internal.pickle.Py;

/**
 * Reads the legacy {@code torch.save} format (PyTorch before 1.6, or {@code _use_new_zipfile_serialization=False}):
 * five pickles in a row — the magic number, the protocol version, {@code sys_info} (byte order), the object with
 * persistent ids {@code ('storage', type, key, location, numel, view)}, the sorted storage keys — then every storage
 * as an 8-byte element count and its raw bytes. A storage is reached by skipping the others by their counts; only
 * the read tensor's bytes are touched.
 */
public final class TorchLegacyReader {
    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    /** {@code PROTO 2}, {@code LONG1} of 10 bytes, then the magic number little-endian. */
    private static final byte[] START = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20,
            0x6a, (byte) 0xa8, 0x50, 0x19};
    private static final long PROTOCOL_VERSION = 1001;

    private TorchLegacyReader() {
    }

    /** Whether the first bytes are the legacy format's magic-number pickle. */
    public static boolean looksLike(byte[] start) {
        if (start.length < START.length) {
            return false;
        }
        for (int i = 0; i < START.length; i++) {
            if (start[i] != START[i]) {
                return false;
            }
        }
        return true;
    }

    private record Declared(long numel, int elementBytes) {
    }

    public static ModelCodebooks.Contents read(Origin origin, ByteRegion region) {
        PickleInput in = new PickleInput(origin, region, 0);
        TorchPolicy.Storages none = (key, numel, elementBytes, view) -> {
            throw origin.fail("corrupt checkpoint: a storage outside the object pickle");
        };
        TorchPolicy header = new TorchPolicy(origin, none, ByteOrder.LITTLE_ENDIAN);
        Object magic = PickleReader.read(origin, in, header).value();
        if (!(magic instanceof BigInteger m && m.equals(MAGIC))) {
            throw origin.fail("not a legacy torch.save file: wrong magic number");
        }
        Object version = PickleReader.read(origin, in, header).value();
        if (!(version instanceof Long v) || v != PROTOCOL_VERSION) {
            throw origin.fail("unsupported legacy torch.save protocol version " + Printable.of(String.valueOf(version)) + " (1001 is read)");
        }
        ByteOrder order = byteOrder(origin, PickleReader.read(origin, in, header).value());

        Map<String, Declared> declared = new HashMap<>();
        Map<String, Long> located = new HashMap<>();
        TorchPolicy.Storages storages = (key, numel, elementBytes, view) -> {
            Declared known = declared.get(key);
            if (known != null && known.elementBytes() != elementBytes) {
                throw origin.fail("corrupt checkpoint: storage " + Printable.quoted(key) + " is named with two element types");
            }
            declared.put(key, new Declared(numel, elementBytes));
            long viewOffset = 0;
            long viewSize = numel;
            String id = key;
            if (view != null) {
                if (view.size() != 3 || !(view.get(1) instanceof Long offset) || !(view.get(2) instanceof Long size) || offset < 0 || size < 0
                        || offset > numel || size > numel - offset) {
                    throw origin.fail("corrupt checkpoint: storage view " + Printable.of(String.valueOf(view.get(0)))
                            + " does not lie inside storage " + Printable.quoted(key));
                }
                viewOffset = offset;
                viewSize = size;
                id = key + "/" + view.get(0);
            }
            long from = viewOffset * elementBytes;
            long bytes = viewSize * elementBytes;
            return new Storage(id, key, bytes, () -> region.slice(located.get(key) + from, bytes), () -> located.get(key) + from, null);
        };
        TorchPolicy policy = new TorchPolicy(origin, storages, order);
        PickleReader.Result object = PickleReader.read(origin, in, policy);
        Object keys = PickleReader.read(origin, in, header).value();
        if (!(keys instanceof Py.PyList list)) {
            throw origin.fail("corrupt checkpoint: the storage keys pickle holds " + Py.typeName(keys) + ", not a list");
        }
        locate(origin, region, in.position(), list, declared, order, located);
        List<StoredTensor> tensors = TensorTree.flatten(origin, object.value());
        List<String> notes = new ArrayList<>();
        TorchZipReader.inertNamesNote(object.inertNames()).ifPresent(notes::add);
        return new ModelCodebooks.Contents(SourceFormat.TORCH_LEGACY, CodebookFormat.NPZ, tensors, notes, null, null);
    }

    /** {@code sys_info}: {@code little_endian} says the byte order of every storage. */
    private static ByteOrder byteOrder(Origin origin, Object sysInfo) {
        if (sysInfo instanceof Py.PyDict d && d.entries().get("little_endian") instanceof Boolean little) {
            return little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        }
        throw origin.fail("corrupt checkpoint: sys_info without little_endian");
    }

    /** Walks the storages after the pickles, each an 8-byte count and its bytes, checking each against the file's end. */
    private static void locate(Origin origin, ByteRegion region, long start, Py.PyList keys, Map<String, Declared> declared,
                               ByteOrder order, Map<String, Long> located) {
        long pos = start;
        long size = region.size();
        for (Object k : keys.items()) {
            if (!(k instanceof String key) || !declared.containsKey(key) || located.containsKey(key)) {
                throw origin.fail("corrupt checkpoint: storage key " + Printable.of(String.valueOf(k))
                        + " is not one the object names, or is listed twice");
            }
            Declared d = declared.get(key);
            if (size - pos < 8) {
                throw origin.fail("truncated checkpoint: the file ends before storage " + Printable.quoted(key));
            }
            long count = ByteRegion.read(origin, region, pos, 8, "read a storage's size").order(order).getLong(0);
            if (count < 0 || count > (size - pos - 8) / d.elementBytes()) {
                throw origin.fail("truncated checkpoint: storage " + Printable.quoted(key) + " declares " + count
                        + " elements, more than the file holds after it");
            }
            if (count < d.numel()) {
                throw origin.fail("corrupt checkpoint: storage " + Printable.quoted(key) + " holds " + count + " elements, fewer than the "
                        + d.numel() + " its tensors declare (storage shorter than its tensor)");
            }
            located.put(key, pos + 8); // where its bytes start in the file
            pos += 8 + count * d.elementBytes();
        }
        for (String key : declared.keySet()) {
            if (!located.containsKey(key)) {
                throw origin.fail("corrupt checkpoint: storage " + Printable.quoted(key) + " is named but not in the file");
            }
        }
    }
}
