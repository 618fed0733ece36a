package vqlens.core.io.internal;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.NpyDtype;

/** Writes codebooks as {@code .npy} or {@code .npz} (numpy.savez layout), atomically. */
public final class CodebookWriter {
    private CodebookWriter() {
    }

    public static void writeNpy(Origin origin, Codebooks codebooks) {
        long[] shape = shape(codebooks.config());
        try (AtomicFile file = AtomicFile.create(origin.file())) {
            NpyEncoder encoder = new NpyEncoder(origin, file, NpyDtype.FLOAT32, shape);
            writeValues(encoder, codebooks);
            encoder.finish();
            file.commit();
        }
    }

    /** Members {@code codebooks.npy} (float32 [H,K,D]) and {@code inited.npy} (0-d bool), both STORED. */
    public static void writeNpz(Origin origin, Codebooks codebooks) {
        long[] shape = shape(codebooks.config());
        long[] scalar = {};
        try (AtomicFile file = AtomicFile.create(origin.file())) {
            StoredZipWriter zip = new StoredZipWriter(origin, file);
            ByteSink sink = zip.beginEntry("codebooks.npy", NpyEncoder.encodedSize(NpyDtype.FLOAT32, shape));
            NpyEncoder encoder = new NpyEncoder(origin, sink, NpyDtype.FLOAT32, shape);
            writeValues(encoder, codebooks);
            encoder.finish();
            zip.closeEntry();

            sink = zip.beginEntry("inited.npy", NpyEncoder.encodedSize(NpyDtype.BOOL, scalar));
            encoder = new NpyEncoder(origin, sink, NpyDtype.BOOL, scalar);
            encoder.writeLongs(new long[] {codebooks.inited() ? 1 : 0}, 0, 1);
            encoder.finish();
            zip.closeEntry();

            zip.finish();
            file.commit();
        }
    }

    private static long[] shape(QuantizerConfig config) {
        return new long[] {config.heads(), config.codes(), config.headDim()};
    }

    /** Code by code through a small buffer: no second full copy of a (up to 1 GiB) codebook. */
    private static void writeValues(NpyEncoder encoder, Codebooks codebooks) {
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
                encoder.writeFloats(chunk, 0, n * dim);
                k += n;
            }
        }
    }
}
