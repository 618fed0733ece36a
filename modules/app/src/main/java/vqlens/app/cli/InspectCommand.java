package vqlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vqlens.app.cli.internal.Json;
import vqlens.app.cli.internal.NormStats;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookFiles;

/** {@code vqlens inspect}: the shape of a codebook file and how long its codes are, per head. */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Shows a codebook's shape, whether it is initialised, and per-head code norms (min, mean, max).")
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "codebook file (" + CodebookFiles.SUPPORTED_EXTENSIONS + ")")
    Path file;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        Codebooks codebooks = CodebookFiles.load(file);
        QuantizerConfig config = codebooks.config();
        NormStats[] norms = NormStats.perHead(codebooks);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(toJson(config, codebooks.inited(), norms)));
        } else {
            printText(out, config, codebooks.inited(), norms);
        }
        out.flush();
        return 0;
    }

    private ObjectNode toJson(QuantizerConfig config, boolean inited, NormStats[] norms) {
        ObjectNode root = Json.object();
        root.put("file", file.toString());
        root.putArray("shape").add(config.heads()).add(config.codes()).add(config.headDim());
        root.put("heads", config.heads());
        root.put("codes", config.codes());
        root.put("head_dim", config.headDim());
        root.put("embedding_dim", config.embeddingDim());
        root.put("inited", inited);
        ArrayNode perHead = root.putArray("norms");
        for (int h = 0; h < norms.length; h++) {
            perHead.addObject().put("head", h).put("min", norms[h].min()).put("mean", norms[h].mean()).put("max", norms[h].max());
        }
        return root;
    }

    private void printText(PrintWriter out, QuantizerConfig config, boolean inited, NormStats[] norms) {
        out.println("file           " + file);
        out.println("shape          [" + config.heads() + ", " + config.codes() + ", " + config.headDim() + "]  (heads, codes, head dim)");
        out.println("heads          " + config.heads());
        out.println("codes          " + config.codes() + " per head");
        out.println("head dim       " + config.headDim());
        out.println("embedding dim  " + config.embeddingDim());
        out.println("inited         " + inited);
        out.println("code norms");
        out.println(String.format(Locale.ROOT, "  %4s  %12s  %12s  %12s", "head", "min", "mean", "max"));
        for (int h = 0; h < norms.length; h++) {
            out.println(String.format(Locale.ROOT, "  %4d  %12.6g  %12.6g  %12.6g", h, norms[h].min(), norms[h].mean(), norms[h].max()));
        }
    }
}
