package vqlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vqlens.app.cli.internal.CodebookInspection;
import vqlens.app.cli.internal.Json;
import vqlens.core.CodebookReport;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFiles;

/** {@code vqlens inspect}: what a codebook file holds and how healthy its codes are, per head. */
@Command(name = "inspect",
        description = {"Shows what a codebook file holds and how healthy its codes are.",
                "Format, keys, candidate codebooks, stored shape and dtype, inited (and where",
                "that came from), usage counts and meta if present; per head: code norms (min,",
                "mean, max), duplicate codes, the nearest pair of distinct codes and NaN/Inf",
                "values (how many, and where the first is). NaN/Inf are reported, not refused."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = CodebookOptions.FILE_DESCRIPTION)
    Path file;

    @Mixin
    CodebookOptions.Key key;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        CodebookFileInfo info = CodebookFiles.describe(file, key.value());
        info.keyWarning().ifPresent(w -> spec.commandLine().getErr().println("vqlens: warning: " + w));
        CodebookInspection inspection = new CodebookInspection(file, info, CodebookReport.of(info.codebooks()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(inspection.json()));
        } else {
            inspection.printText(out);
        }
        out.flush();
        return 0;
    }
}
