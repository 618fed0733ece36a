package vqlens.core.io.internal;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFormat;
import vqlens.core.io.SourceFormat;
import vqlens.core.io.internal.model.ElementType;
import vqlens.core.io.internal.model.Storage;
import vqlens.core.io.internal.model.StoredTensor;

/**
 * Reads codebooks from a {@code .safetensors} file: a PyTorch {@code state_dict} with {@code codebooks}
 * ({@code [H,K,D]}, or {@code [K,D]} as one head) and {@code inited}, possibly under a prefix inside a
 * bigger model ({@code quantizer.codebooks}, {@code vq.codebooks}), or any layout the model-file rules name.
 * The header is validated here; choosing and reading the codebook is {@link ModelCodebooks}'s, as for a
 * PyTorch checkpoint. F16, BF16 and F64 become float32.
 */
public final class SafetensorsReader {
    private SafetensorsReader() {
    }

    /** The tensors that look like codebooks ({@link vqlens.core.io.internal.model.CodebookRules}), best first; reads the header only. */
    public static List<String> candidates(Origin origin, ByteRegion region) {
        return ModelCodebooks.candidates(origin, contents(SafetensorsHeader.read(origin, region)));
    }

    public static CodebookFileInfo read(Origin origin, ByteRegion region, String key) {
        return ModelCodebooks.read(origin, contents(SafetensorsHeader.read(origin, region)), key);
    }

    /** The tensors of the file in {@code region}, for reading or for writing an edit back ({@link ModelPatch}). */
    static ModelCodebooks.Contents contents(Origin origin, ByteRegion region) {
        return contents(SafetensorsHeader.read(origin, region));
    }

    /** Every tensor as a contiguous little-endian view of its own bytes; {@code __metadata__ "inited"} as the file's flag. */
    private static ModelCodebooks.Contents contents(SafetensorsHeader header) {
        List<StoredTensor> tensors = new ArrayList<>();
        for (SafetensorsHeader.Tensor t : header.tensors()) {
            long fileOffset = header.dataStart() + t.begin();
            Storage storage = new Storage(t.name(), t.name(), t.end() - t.begin(), () -> header.data(t), () -> fileOffset, null);
            tensors.add(StoredTensor.contiguous(t.name(), ElementType.named(t.dtype().name()), t.dtype().name(), t.shape(),
                    ByteOrder.LITTLE_ENDIAN, storage));
        }
        return new ModelCodebooks.Contents(SourceFormat.SAFETENSORS, CodebookFormat.SAFETENSORS, tensors, List.of(),
                header.metadata().get("inited"), null);
    }
}
