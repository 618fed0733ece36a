package vqlens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFileException;
import vqlens.core.io.CodebookFiles;
import vqlens.core.io.CodebookFormat;

/** {@code vqlens convert}: a codebook file in another format, chosen by the extensions. */
@Command(name = "convert",
        description = {"Converts a codebook file to another format, chosen by OUT's extension.",
                "npz: VQ Lens's own (the only one to keep usage counts and meta); safetensors:",
                "as PyTorch's state_dict (codebooks F32, inited BOOL); npy: float32 [H, K, D];",
                "csv: one row per code (head, code, v0, ...). npy and csv keep no inited flag:",
                "they count as initialised. Values are copied bit for bit as float32 (F16, BF16",
                "and F64 become float32). OUT is replaced atomically: if anything fails, it",
                "keeps its old content."})
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "file to read: " + CodebookOptions.FILE_DESCRIPTION)
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "file to write; its extension chooses the format")
    Path out;

    @Mixin
    CodebookOptions.Key key;

    @Override
    public Integer call() {
        CodebookFormat target;
        try {
            target = CodebookFormat.of(out);
        } catch (CodebookFileException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (sameFile(in, out)) {
            throw new ParameterException(spec.commandLine(), "IN and OUT name the same file: " + out
                    + "; write the conversion to another file");
        }
        CodebookDocument document = CodebookFiles.loadDocument(in, key.value());
        CodebookFiles.save(out, document);
        String lost = notKept(document, target);
        if (lost != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("vqlens: note: " + out + " (" + target.displayName() + ") does not keep " + lost);
            err.flush();
        }
        return 0;
    }

    /** What the target format drops of {@code document}, in words, or {@code null} if it keeps everything. */
    static String notKept(CodebookDocument document, CodebookFormat target) {
        List<String> lost = new ArrayList<>();
        if (target != CodebookFormat.NPZ) {
            document.usage().ifPresent(u -> lost.add("the usage counts"));
            document.meta().ifPresent(m -> lost.add("the meta JSON"));
        }
        if ((target == CodebookFormat.NPY || target == CodebookFormat.CSV) && !document.codebooks().inited()) {
            lost.add("inited=false (it will read as initialised)");
        }
        if (lost.isEmpty()) {
            return null;
        }
        String last = lost.remove(lost.size() - 1);
        return lost.isEmpty() ? last : String.join(", ", lost) + " and " + last;
    }

    /** The same path, or two paths of one existing file (a link); a file cannot be converted onto itself. */
    private static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false; // unreadable: loading IN will say why
        }
    }
}
