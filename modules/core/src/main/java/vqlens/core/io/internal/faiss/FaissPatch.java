package vqlens.core.io.internal.faiss;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import vqlens.core.Printable;
import vqlens.core.io.internal.ModelPatch;
import vqlens.core.io.internal.Splices;
import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.Origin;
import vqlens.core.io.internal.model.CodebookRules;
import vqlens.core.io.internal.model.StoredTensor;

/**
 * Writes a copy of a FAISS file with a product quantizer's centroids replaced: the file is parsed again as
 * {@link FaissReader} reads it (so it is checked the same way), then copied byte for byte except the centroid values,
 * which are written as float32 little-endian in C order of {@code [M, ksub, dsub]}. Everything else — header, codes,
 * inverted lists, transforms — stays as it was; the stored codes were made with the old centroids (a note says so).
 * The copy is written by the model files' one writer ({@link ModelPatch#writeCopy}: atomic, free space checked);
 * the target may be the source itself. {@code CodebookFiles.patch} calls it for FAISS files.
 */
public final class FaissPatch {
    private FaissPatch() {
    }

    /** {@link #write(Origin, ByteRegion, String, float[], Path)} of the product quantizer an automatic choice reads. */
    public static List<String> write(Origin source, ByteRegion region, float[] centroids, Path out) {
        return write(source, region, null, centroids, out);
    }

    /**
     * Writes to {@code out} the FAISS file in {@code region} (a {@code .pq} file when {@code source} is named so, an
     * index otherwise) with the centroids {@code key} ({@code pq.centroids}, {@code index.pq.centroids},
     * {@code refine_pq.centroids}; {@code null}: the automatic choice) replaced by {@code centroids}, as many values as
     * the file holds. Returns notes for the user (stored codes made with the old centroids).
     *
     * @throws vqlens.core.io.CodebookFileException in one line if the file is not one VQ Lens reads, the key names no
     *                                              product quantizer, the count differs, or the copy cannot be written
     */
    public static List<String> write(Origin source, ByteRegion region, String key, float[] centroids, Path out) {
        String name = source.file().getFileName() == null ? "" : source.file().getFileName().toString();
        FaissReader.Parsed parsed = FaissReader.parse(source, region, name.toLowerCase(Locale.ROOT).endsWith(".pq"));
        StoredTensor tensor = target(source, parsed.contents().tensors(), key);
        if (centroids.length != tensor.count()) {
            throw source.fail("the edited centroids have " + centroids.length + " values, not the " + tensor.count() + " of "
                    + tensor.describe());
        }
        long at = tensor.storage().fileOffset().getAsLong();
        List<String> notes = new ArrayList<>();
        if (parsed.encoded() > 0) {
            notes.add(FaissReader.staleCodes(parsed.encoded()));
        }
        ByteBuffer values = ByteBuffer.allocate(Math.multiplyExact(centroids.length, Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        values.asFloatBuffer().put(centroids);
        Splices splices = new Splices(source, region);
        splices.add(at, values.array(), "centroids " + Printable.quoted(tensor.key()));
        ModelPatch.writeCopy(source, region, splices, out);
        return notes;
    }

    private static StoredTensor target(Origin source, List<StoredTensor> tensors, String key) {
        if (key == null) {
            CodebookRules.Match chosen = CodebookRules.automaticChoice(CodebookRules.candidates(tensors));
            if (chosen == null) {
                throw source.fail("no single product quantizer to write the centroids into");
            }
            return chosen.tensor();
        }
        for (StoredTensor t : tensors) {
            if (t.key().equals(key) && (key.equals(FaissReader.CENTROIDS) || key.endsWith("." + FaissReader.CENTROIDS)
                    || key.endsWith("_" + FaissReader.CENTROIDS))) {
                return t;
            }
        }
        throw source.fail("no product quantizer " + Printable.quoted(key) + " to write centroids into; the file holds "
                + Printable.list(tensors.stream().map(StoredTensor::key).filter(k -> k.endsWith(FaissReader.CENTROIDS)).toList(), 20, "none"));
    }
}
