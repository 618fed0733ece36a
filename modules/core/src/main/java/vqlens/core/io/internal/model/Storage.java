package vqlens.core.io.internal.model;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.ZipArchive;

/**
 * The bytes that one or more tensors view. Opening them is deferred ({@link #bytes}), so a checkpoint costs only
 * the storages of the tensors actually read; for a ZIP entry opening checks its CRC-32.
 *
 * @param id         identifies the storage within the file (tensors with the same id share bytes)
 * @param root       the stored block these bytes lie in: tensors of different storages can share bytes only within
 *                   one root (a legacy checkpoint's storage views share their base storage's); {@code id} otherwise
 * @param byteSize   its size in bytes
 * @param bytes      opens its bytes (memoized by the caller if needed)
 * @param fileOffset where byte 0 of it is in the file, found when asked (a ZIP entry's local header is read then),
 *                   or -1 when it is not there as such (a compressed entry)
 * @param zipEntry   the ZIP entry holding it, whose CRC-32 a patch must update, or {@code null}
 */
public record Storage(String id, String root, long byteSize, Supplier<ByteRegion> bytes, LongSupplier fileOffset,
                      ZipArchive.Entry zipEntry) {

    /** A storage that is a plain window of the file (safetensors data, a FAISS array, a legacy torch storage). */
    public static Storage window(String id, ByteRegion file, long fileOffset, long byteSize) {
        ByteRegion slice = file.slice(fileOffset, byteSize);
        return new Storage(id, id, byteSize, () -> slice, () -> fileOffset, null);
    }
}
