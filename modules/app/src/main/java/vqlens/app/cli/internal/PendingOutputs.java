package vqlens.app.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import vqlens.core.io.NpyDtype;
import vqlens.core.io.NpyWriter;

/**
 * The output files of one command, written to temporary files and renamed into place together only
 * after all the work succeeded: a failure leaves every named output as it was.
 */
public final class PendingOutputs implements AutoCloseable {
    private final List<NpyWriter> writers = new ArrayList<>();

    /** Starts an output; {@link #commitAll()} publishes it, {@link #close()} alone discards it. */
    public NpyWriter create(Path target, NpyDtype dtype, long... shape) {
        NpyWriter writer = NpyWriter.create(target, dtype, shape);
        writers.add(writer);
        return writer;
    }

    public void commitAll() {
        for (NpyWriter writer : writers) {
            writer.commit();
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (NpyWriter writer : writers) {
            try {
                writer.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Two options naming one file would make the second rename silently replace the first output. */
    public static void requireDistinct(CommandSpec spec, String[] options, Path... paths) {
        for (int i = 0; i < paths.length; i++) {
            for (int j = i + 1; j < paths.length; j++) {
                if (paths[i] != null && paths[j] != null
                        && paths[i].toAbsolutePath().normalize().equals(paths[j].toAbsolutePath().normalize())) {
                    throw new ParameterException(spec.commandLine(),
                            options[i] + " and " + options[j] + " name the same file: " + paths[i]);
                }
            }
        }
    }
}
