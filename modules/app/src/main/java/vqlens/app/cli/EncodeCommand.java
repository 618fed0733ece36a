package vqlens.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vqlens.app.cli.internal.ChunkSize;
import vqlens.app.cli.internal.Inputs;
import vqlens.app.cli.internal.PendingOutputs;
import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.io.NpyDtype;
import vqlens.core.io.NpyRowReader;
import vqlens.core.io.NpyWriter;

/** {@code vqlens encode}: nearest code per head for every row of Z, streamed in chunks. */
@Command(name = "encode",
        description = {"Finds the nearest code of every head for each row of Z and writes the indices.",
                "Z is read in chunks, so it may be larger than memory. Outputs appear only when all rows are done.",
                "The codebook: .npz, .safetensors (PyTorch), .npy or .csv; it must be",
                "initialised and free of NaN/Inf ('vqlens inspect FILE' shows where they are)."})
final class EncodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CodebookOptions codebook;

    @Option(names = "--input", required = true, paramLabel = "Z.npy", description = "rows to encode, float32 or float64 [B, E]")
    Path input;

    @Option(names = "--indices", required = true, paramLabel = "OUT.npy", description = "writes int64 [B, H]: the nearest code per head")
    Path indices;

    @Option(names = "--quantized", paramLabel = "ZQ.npy", description = "also writes float32 [B, E]: the forward value z_q")
    Path quantized;

    @Option(names = "--distances", paramLabel = "D.npy", description = "also writes float32 [B, H, K]: squared distances to every code")
    Path distances;

    @Mixin
    ChunkOption chunk;

    @Override
    public Integer call() {
        int chunkRows = chunk.rows(); // a usage error before any file is read
        PendingOutputs.requireDistinct(spec, new String[] {"--indices", "--quantized", "--distances"},
                indices, quantized, distances);
        Codebooks codebooks = codebook.loadInitialised(spec.commandLine().getErr());
        QuantizerConfig config = codebooks.config();
        ProductQuantizer quantizer = ProductQuantizer.of(codebooks);
        codebook.requireSearchable(quantizer);
        int heads = config.heads();
        int width = config.embeddingDim();
        try (NpyRowReader reader = NpyRowReader.open(input); PendingOutputs outputs = new PendingOutputs()) {
            Inputs.requireFloatRows(input, reader, codebook.file(), config);
            long rows = reader.rows();
            NpyWriter indexOut = outputs.create(indices, NpyDtype.INT64, rows, heads);
            NpyWriter quantizedOut = quantized == null ? null : outputs.create(quantized, NpyDtype.FLOAT32, rows, width);
            NpyWriter distanceOut = distances == null ? null
                    : outputs.create(distances, NpyDtype.FLOAT32, rows, heads, config.codes());

            int step = ChunkSize.rows(chunkRows, rows, width, config, distances != null);
            float[] z = new float[step * width];
            long[] idx = new long[step * heads];
            float[] zq = quantizedOut == null ? null : new float[step * width];
            float[] dist = distanceOut == null ? null : new float[step * heads * config.codes()];
            Inputs.inChunks(input, rows, step, max -> reader.readFloats(z, max), (n, done) -> {
                if (zq == null && dist == null) {
                    quantizer.encode(z, n, done, idx);
                } else {
                    quantizer.forward(z, n, done, idx, zq, dist);
                }
            }, (n, done) -> {
                indexOut.writeLongs(idx, 0, n * heads);
                if (quantizedOut != null) {
                    quantizedOut.writeFloats(zq, 0, n * width);
                }
                if (distanceOut != null) {
                    distanceOut.writeFloats(dist, 0, n * heads * config.codes());
                }
            });
            outputs.commitAll();
        }
        return 0;
    }
}
