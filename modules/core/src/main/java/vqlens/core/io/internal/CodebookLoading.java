package vqlens.core.io.internal;

import java.nio.channels.FileChannel;
import java.util.List;
import java.util.function.Function;

import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFormat;

/**
 * The loaders by format, over any {@link ByteRegion}: {@code CodebookFiles} passes a file, the fuzz
 * tests pass byte arrays, so both exercise the same code.
 */
public final class CodebookLoading {
    private CodebookLoading() {
    }

    /** Reads the codebooks ({@code key}: a tensor or member name, {@code null} = the only candidate). */
    public static CodebookFileInfo read(Origin origin, ByteRegion region, CodebookFormat format, String key) {
        return switch (format) {
            case NPZ -> CodebookReader.readNpz(origin, region, key);
            case NPY -> CodebookReader.readNpy(origin, region, key);
            case SAFETENSORS -> SafetensorsReader.read(origin, region, key);
            case CSV -> CsvCodebookReader.read(origin, region, key);
        };
    }

    /** The keys a chooser can offer; empty for formats that hold one unnamed codebook. */
    public static List<String> candidates(Origin origin, ByteRegion region, CodebookFormat format) {
        return switch (format) {
            case NPZ -> CodebookReader.npzCandidates(origin, region);
            case SAFETENSORS -> SafetensorsReader.candidates(origin, region);
            case NPY, CSV -> List.of();
        };
    }

    /** Reads the codebooks of a model file (a PyTorch checkpoint), recognised by its content. */
    public static CodebookFileInfo readModel(Origin origin, ByteRegion region, String key) {
        return ModelCodebooks.read(origin, ModelFiles.contents(origin, region), key);
    }

    /** The codebook candidates of a model file, best first; at least one. */
    public static List<String> modelCandidates(Origin origin, ByteRegion region) {
        return ModelCodebooks.candidates(origin, ModelFiles.contents(origin, region));
    }

    /** The tensors of a {@code .safetensors} file, for writing an edit back. */
    public static ModelCodebooks.Contents safetensorsContents(Origin origin, ByteRegion region) {
        return SafetensorsReader.contents(origin, region);
    }

    /** Opens the origin's file, runs {@code action} on all of its bytes and closes it. */
    public static <T> T withFile(Origin origin, Function<ByteRegion, T> action) {
        FileChannel channel = FileOpening.openForReading(origin);
        try {
            return action.apply(ByteRegion.ofFile(channel, 0, FileOpening.size(origin, channel)));
        } finally {
            FileOpening.closeQuietly(channel);
        }
    }
}
