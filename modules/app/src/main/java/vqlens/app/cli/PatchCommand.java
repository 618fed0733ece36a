package vqlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vqlens.app.cli.internal.Json;
import vqlens.core.Codebooks;
import vqlens.core.Printable;
import vqlens.core.io.CodebookFiles;
import vqlens.core.io.PatchSummary;

/** {@code vqlens patch}: an edited codebook written back into a copy of the model file it came from. */
@Command(name = "patch",
        description = {"Writes an edited codebook into a copy of the model file it came from, everything",
                "else unchanged: a .safetensors file (header kept byte for byte) or a torch.save",
                "checkpoint (zip: data.pkl and every record kept, CRC-32s updated; legacy: in place).",
                "The edit is written in the tensor's own dtype (F16/BF16 rounded to nearest even; a",
                "value overflowing F16 is refused) and must keep its shape. A false inited/initted",
                "flag beside the codebook is set true; vector-quantize-pytorch's embed_avg becomes",
                "embed x cluster_size for the edited codes, so training keeps the edit. OUT may be",
                "MODEL: it is replaced atomically (after a free-space check); on any failure nothing",
                "is written."})
final class PatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "the model file: .safetensors or a PyTorch checkpoint ("
            + CodebookFiles.MODEL_EXTENSIONS + ")")
    Path model;

    @Mixin
    CodebookOptions.Key key;

    @Option(names = "--codebook", required = true, paramLabel = "EDITED",
            description = "the edited codebook, shaped as MODEL's: " + CodebookOptions.FILE_DESCRIPTION)
    Path edited;

    @Option(names = "--codebook-key", paramLabel = "K", description = "the codebook in EDITED, if it holds several (default: the only one)")
    String editedKey;

    @Option(names = "--out", required = true, paramLabel = "OUT",
            description = "the patched copy, named like MODEL (.safetensors, or one of " + CodebookFiles.MODEL_EXTENSIONS + "); may be MODEL")
    Path out;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        Codebooks codebooks = CodebookFiles.load(edited, editedKey);
        PatchSummary summary = CodebookFiles.patch(model, key.value(), codebooks, out);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(Json.line(json(summary)));
        } else {
            printText(stdout, summary);
            PrintWriter err = spec.commandLine().getErr();
            summary.warnings().forEach(w -> err.println("vqlens: warning: " + w));
            err.flush();
        }
        stdout.flush();
        return 0;
    }

    private static void printText(PrintWriter out, PatchSummary s) {
        out.println("patched " + Printable.quoted(s.key()) + " (" + s.dtype() + " " + s.shape() + ") of " + s.model() + " into " + s.out()
                + ": " + (s.changedValues() == 0 ? "no value changed, a byte-identical copy"
                : s.changedValues() + " value" + (s.changedValues() == 1 ? "" : "s") + " in " + s.changedCodes() + " code"
                + (s.changedCodes() == 1 ? "" : "s") + " changed"));
        if (s.roundedValues() > 0) {
            out.println("  rounded: " + s.roundedValues() + " of them to the nearest " + s.dtype() + " (by at most "
                    + String.format(java.util.Locale.ROOT, "%.3g", s.largestRounding()) + ")");
        }
        s.notes().forEach(n -> out.println("  " + n));
    }

    static ObjectNode json(PatchSummary s) {
        ObjectNode o = Json.object();
        o.put("model", s.model().toString());
        o.put("out", s.out().toString());
        o.put("format", s.format().id());
        o.put("key", s.key());
        o.put("dtype", s.dtype());
        ArrayNode shape = o.putArray("shape");
        s.shape().forEach(shape::add);
        o.put("changed_values", s.changedValues());
        o.put("changed_codes", s.changedCodes());
        o.put("rounded_values", s.roundedValues());
        o.put("largest_rounding", s.largestRounding());
        ArrayNode notes = o.putArray("notes");
        s.notes().forEach(notes::add);
        ArrayNode warnings = o.putArray("warnings");
        s.warnings().forEach(warnings::add);
        return o;
    }
}
