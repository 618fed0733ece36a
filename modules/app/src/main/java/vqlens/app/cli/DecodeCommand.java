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

/** {@code vqlens decode}: turns code indices back into vectors (the codes, concatenated over heads). */
@Command(name = "decode",
        description = {"Looks up the code of every head for each row of indices and writes the vectors.",
                "The output appears only when all rows are done.",
                "The codebook: .npz, .safetensors (PyTorch), .npy or .csv."})
final class DecodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CodebookOptions codebook;

    @Option(names = "--indices", required = true, paramLabel = "IDX.npy", description = "indices [B, H]: uint8, int16, int32 or int64")
    Path indices;

    @Option(names = "--output", required = true, paramLabel = "ZQ.npy", description = "writes float32 [B, E]")
    Path output;

    @Mixin
    ChunkOption chunk;

    @Override
    public Integer call() {
        int chunkRows = chunk.rows(); // a usage error before any file is read
        Codebooks codebooks = codebook.loadInitialised(spec.commandLine().getErr());
        QuantizerConfig config = codebooks.config();
        ProductQuantizer quantizer = ProductQuantizer.of(codebooks);
        int heads = config.heads();
        int width = config.embeddingDim();
        try (NpyRowReader reader = NpyRowReader.open(indices); PendingOutputs outputs = new PendingOutputs()) {
            Inputs.requireIndexColumns(indices, reader, codebook.file(), config);
            long rows = reader.rows();
            NpyWriter out = outputs.create(output, NpyDtype.FLOAT32, rows, width);
            int step = ChunkSize.rows(chunkRows, rows, width, config, false);
            long[] idx = new long[step * heads];
            float[] vectors = new float[step * width];
            Inputs.inChunks(indices, rows, step, max -> reader.readIndices(idx, max), 
                    (n, done) -> quantizer.decode(idx, n, done, vectors),
                    (n, done) -> out.writeFloats(vectors, 0, n * width));
            outputs.commitAll();
        }
        return 0;
    }
}
