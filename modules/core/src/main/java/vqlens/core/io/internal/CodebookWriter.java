package vqlens.core.io.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.NpyDtype;

/**
 * Writes codebooks as {@code .npz} (numpy.savez layout), {@code .npy}, {@code .safetensors} (as
 * {@code safetensors.torch.save_file(module.state_dict())} writes the reference module) or CSV, always
 * atomically through an {@link AtomicFile}, streaming through small buffers.
 */
public final class CodebookWriter {
    private CodebookWriter() {
    }

    public static void writeNpy(Origin origin, Codebooks codebooks) {
        long[] shape = shape(codebooks.config());
        try (AtomicFile file = AtomicFile.create(origin.file())) {
            NpyEncoder encoder = new NpyEncoder(origin, file, NpyDtype.FLOAT32, shape);
            writeValues(encoder::writeFloats, codebooks);
            encoder.finish();
            file.commit();
        }
    }

    /**
     * Members {@code codebooks.npy} (float32 [H,K,D]) and {@code inited.npy} (0-d bool), then, if the document
     * has them, {@code usage.npy} (int64 [H,K]) and {@code meta.npy} (0-d unicode text); all STORED.
     */
    public static void writeNpz(Origin origin, CodebookDocument document) {
        Codebooks codebooks = document.codebooks();
        QuantizerConfig config = codebooks.config();
        long[] shape = shape(config);
        byte[] meta = document.meta().map(NpyText::encode).orElse(null);
        try (AtomicFile file = AtomicFile.create(origin.file())) {
            NpzMembers npz = new NpzMembers(origin, file);
            npz.array("codebooks", NpyDtype.FLOAT32, shape, encoder -> writeValues(encoder::writeFloats, codebooks));
            npz.array("inited", NpyDtype.BOOL, new long[0],
                    encoder -> encoder.writeLongs(new long[] {codebooks.inited() ? 1 : 0}, 0, 1));
            if (document.usage().isPresent()) {
                long[] usage = document.usage().get();
                npz.array("usage", NpyDtype.INT64, new long[] {config.heads(), config.codes()},
                        encoder -> encoder.writeLongs(usage, 0, usage.length));
            }
            if (meta != null) {
                npz.encoded("meta", meta);
            }
            npz.finish();
            file.commit();
        }
    }

    /**
     * What {@code safetensors.torch.save_file(module.state_dict())} writes for the reference module: tensors
     * ordered by dtype alignment, largest first, then by name ({@code codebooks} F32, then {@code inited}
     * BOOL []), a compact JSON header without {@code __metadata__}, padded with spaces to a multiple of 8,
     * offsets relative to the data that follows it.
     */
    public static void writeSafetensors(Origin origin, Codebooks codebooks) {
        QuantizerConfig config = codebooks.config();
        long bytes = (long) config.codebookValues() * 4;
        String json = "{\"codebooks\":{\"dtype\":\"F32\",\"shape\":[" + config.heads() + "," + config.codes() + "," + config.headDim()
                + "],\"data_offsets\":[0," + bytes + "]},\"inited\":{\"dtype\":\"BOOL\",\"shape\":[],\"data_offsets\":["
                + bytes + "," + (bytes + 1) + "]}}";
        byte[] header = json.getBytes(StandardCharsets.US_ASCII);
        int padded = (header.length + 7) / 8 * 8;
        ByteBuffer start = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        start.putLong(padded).put(header);
        while (start.hasRemaining()) {
            start.put((byte) ' ');
        }
        try (AtomicFile file = AtomicFile.create(origin.file())) {
            file.write(start.flip());
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            writeValues((src, offset, count) -> {
                for (int i = 0; i < count; ) {
                    int k = Math.min(count - i, buffer.remaining() / 4);
                    buffer.asFloatBuffer().put(src, offset + i, k);
                    buffer.position(buffer.position() + k * 4);
                    i += k;
                    if (buffer.remaining() < 4) {
                        file.write(buffer.flip());
                        buffer.clear();
                    }
                }
            }, codebooks);
            buffer.put((byte) (codebooks.inited() ? 1 : 0));
            file.write(buffer.flip());
            file.commit();
        }
    }

    /**
     * {@code head,code,v0,…} then one row per code; values as {@link Float#toString}, which reads back to
     * the same float32 (NaN as {@code NaN}, infinities as {@code Infinity}; NaN payloads are not kept).
     */
    public static void writeCsv(Origin origin, Codebooks codebooks) {
        QuantizerConfig config = codebooks.config();
        int dim = config.headDim();
        StringBuilder row = new StringBuilder("head,code");
        for (int d = 0; d < dim; d++) {
            row.append(",v").append(d);
        }
        float[] code = new float[dim];
        try (AtomicFile file = AtomicFile.create(origin.file())) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            row.append('\n');
            write(file, buffer, row);
            for (int h = 0; h < config.heads(); h++) {
                for (int k = 0; k < config.codes(); k++) {
                    codebooks.copyCode(h, k, code, 0);
                    row.setLength(0);
                    row.append(h).append(',').append(k);
                    for (float v : code) {
                        row.append(',').append(Float.toString(v));
                    }
                    row.append('\n');
                    write(file, buffer, row);
                }
            }
            file.write(buffer.flip());
            file.commit();
        }
    }

    /** Appends ASCII text to the buffer, flushing it to the file when full. */
    private static void write(AtomicFile file, ByteBuffer buffer, CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!buffer.hasRemaining()) {
                file.write(buffer.flip());
                buffer.clear();
            }
            buffer.put((byte) text.charAt(i));
        }
    }

    private static long[] shape(QuantizerConfig config) {
        return new long[] {config.heads(), config.codes(), config.headDim()};
    }

    /** Where {@link #writeValues} sends floats. */
    private interface FloatSink {
        void writeFloats(float[] src, int offset, int count);
    }

    /** Code by code through a small buffer: no second full copy of a (up to 1 GiB) codebook. */
    private static void writeValues(FloatSink sink, Codebooks codebooks) {
        QuantizerConfig config = codebooks.config();
        int dim = config.headDim();
        int codesPerChunk = Math.max(1, 16_384 / dim);
        float[] chunk = new float[codesPerChunk * dim];
        for (int h = 0; h < config.heads(); h++) {
            for (int k = 0; k < config.codes(); ) {
                int n = Math.min(codesPerChunk, config.codes() - k);
                for (int i = 0; i < n; i++) {
                    codebooks.copyCode(h, k + i, chunk, i * dim);
                }
                sink.writeFloats(chunk, 0, n * dim);
                k += n;
            }
        }
    }
}
