package vqlens.app.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.IVersionProvider;
import vqlens.core.runtime.ComputeRuntime;
import vqlens.core.runtime.ProductVersion;

/**
 * {@code VQ Lens <version>} then what the numerics run on.
 */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("VQ Lens " + ProductVersion.current());
        try {
            lines.addAll(ComputeRuntime.info().describe().lines().toList());
        } catch (RuntimeException | LinkageError e) { // --version is how people report problems: still answer
            lines.add("compute runtime unavailable: " + CliErrors.oneLine(e.toString()));
        }
        return lines.toArray(String[]::new);
    }
}
