package vqlens.core.io.internal.torch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import vqlens.core.Printable;
import vqlens.core.io.CodebookFormat;
import vqlens.core.io.SourceFormat;
import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.ModelCodebooks;
import vqlens.core.io.internal.Origin;
import vqlens.core.io.internal.ZipArchive;
import vqlens.core.io.internal.model.Storage;
import vqlens.core.io.internal.model.StoredTensor;
import vqlens.core.io.internal.pickle.PickleInput;
import vqlens.core.io.internal.pickle.PickleReader;
import vqlens.core.io.internal.pickle.Py;

/**
 * Reads a {@code torch.save} checkpoint in the zip format (PyTorch 1.6 and later): one top folder (the file's stem
 * when saved to a path, {@code archive} when saved to a buffer) holding {@code data.pkl}, the storages
 * {@code data/N} and {@code version}; 2.x adds {@code .format_version}, {@code .storage_alignment},
 * {@code byteorder} and {@code .data/serialization_id}. Other records are ignored; without {@code byteorder}
 * the storages are little-endian. {@code data.pkl} is read with {@link TorchPolicy} (at most
 * {@link PickleReader#MAX_BYTES}); a storage's bytes are opened (and their CRC-32 checked) only when a tensor
 * viewing them is read.
 */
public final class TorchZipReader {
    private static final String PICKLE = "data.pkl";
    private static final int NAMES_NOTED = 8;

    private TorchZipReader() {
    }

    /** Whether {@code zip} holds a {@code <folder>/data.pkl}, as every torch.save zip does. */
    public static boolean isCheckpoint(ZipArchive zip) {
        return zip.entries().stream().anyMatch(e -> isPickle(e.name()));
    }

    private static boolean isPickle(String name) {
        int slash = name.indexOf('/');
        return slash > 0 && name.indexOf('/', slash + 1) < 0 && name.endsWith("/" + PICKLE);
    }

    public static ModelCodebooks.Contents read(Origin origin, ByteRegion region) {
        ZipArchive zip = ZipArchive.read(origin, region, "a PyTorch checkpoint (torch.save zip format)");
        return read(origin, zip);
    }

    public static ModelCodebooks.Contents read(Origin origin, ZipArchive zip) {
        Map<String, ZipArchive.Entry> entries = new HashMap<>();
        List<ZipArchive.Entry> pickles = new ArrayList<>();
        for (ZipArchive.Entry e : zip.entries()) {
            entries.put(e.name(), e);
            if (isPickle(e.name())) {
                pickles.add(e);
            }
        }
        if (pickles.size() != 1) {
            throw origin.fail(pickles.isEmpty() ? "a ZIP archive without <folder>/data.pkl: not a torch.save checkpoint"
                    : "corrupt checkpoint: " + pickles.size() + " data.pkl records (" + pickles.get(0).name() + ", " + pickles.get(1).name() + ")");
        }
        ZipArchive.Entry pickle = pickles.get(0);
        String top = pickle.name().substring(0, pickle.name().length() - PICKLE.length());
        ByteOrder order = byteOrder(origin, zip, entries.get(top + "byteorder"));

        TorchPolicy.Storages storages = (key, numel, elementBytes, view) -> {
            if (view != null) {
                throw origin.fail("corrupt checkpoint: a storage view in a zip-format file");
            }
            ZipArchive.Entry entry = entries.get(top + "data/" + key);
            String id = "data/" + key;
            if (entry == null) {
                throw origin.fail("corrupt checkpoint: data.pkl names storage " + Printable.quoted(id) + ", which the archive lacks");
            }
            long bytes = numel * elementBytes;
            if (entry.size() < bytes) {
                throw origin.fail("corrupt checkpoint: storage " + Printable.quoted(id) + " holds " + entry.size() + " bytes, less than the "
                        + numel + " elements of " + elementBytes + " bytes data.pkl declares (storage shorter than its tensor)");
            }
            boolean stored = entry.method() == 0 && !entry.encrypted() && entry.compressedSize() == entry.size();
            return new Storage(id, id, bytes, memoized(() -> zip.open(entry, Long.MAX_VALUE)), () -> stored ? zip.dataStart(entry) : -1, entry);
        };
        Origin pickleOrigin = origin.member(pickle.name());
        ByteRegion pkl = zip.open(pickle, PickleReader.MAX_BYTES);
        TorchPolicy policy = new TorchPolicy(origin, storages, order);
        PickleReader.Result result = PickleReader.read(pickleOrigin, new PickleInput(pickleOrigin, pkl, 0), policy);
        List<StoredTensor> tensors = TensorTree.flatten(origin, result.value());
        List<String> notes = new ArrayList<>();
        inertNamesNote(result.inertNames()).ifPresent(notes::add);
        return new ModelCodebooks.Contents(SourceFormat.TORCH, CodebookFormat.NPZ, tensors, notes, null, null);
    }

    /** {@code byteorder} holds {@code little} or {@code big}; absent (PyTorch before 2.1) means little-endian. */
    private static ByteOrder byteOrder(Origin origin, ZipArchive zip, ZipArchive.Entry entry) {
        if (entry == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        ByteRegion text = zip.open(entry, 16);
        ByteBuffer bytes = ByteRegion.read(origin, text, 0, (int) text.size(), "read the byteorder record");
        String value = new String(bytes.array(), 0, bytes.limit(), StandardCharsets.US_ASCII).strip();
        return switch (value) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw origin.fail("corrupt checkpoint: byteorder record says " + Printable.quoted(value) + " (little or big)");
        };
    }

    /** Names the pickle mentions but never calls, e.g. the classes Lightning 1.x keys its callbacks by. */
    static Optional<String> inertNamesNote(List<Py.Global> names) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<String> dotted = names.stream().map(Py.Global::dotted).toList();
        return Optional.of("the pickle names " + Printable.list(dotted, NAMES_NOTED, "")
                + " but never calls them (kept as names; nothing was imported)");
    }

    private static Supplier<ByteRegion> memoized(Supplier<ByteRegion> open) {
        return new Supplier<>() {
            private ByteRegion region;

            @Override
            public synchronized ByteRegion get() {
                if (region == null) {
                    region = open.get();
                }
                return region;
            }
        };
    }
}
