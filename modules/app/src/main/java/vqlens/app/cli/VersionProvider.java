package vqlens.app.cli;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.IVersionProvider;
import vqlens.core.runtime.ComputeRuntime;

/**
 * {@code VQ Lens <version>} then what the numerics run on. The version is the module's, which the Maven
 * build stamps from the project version ({@code javac --module-version}), so it is written down once.
 */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("VQ Lens " + version());
        try {
            lines.addAll(ComputeRuntime.info().describe().lines().toList());
        } catch (RuntimeException | LinkageError e) { // --version is how people report problems: still answer
            lines.add("compute runtime unavailable: " + CliErrors.oneLine(e.toString()));
        }
        return lines.toArray(String[]::new);
    }

    /** The module version, or the jar manifest's, or {@code unknown} when run from unversioned classes. */
    static String version() {
        ModuleDescriptor descriptor = VersionProvider.class.getModule().getDescriptor();
        if (descriptor != null && descriptor.rawVersion().isPresent()) {
            return descriptor.rawVersion().get();
        }
        String manifest = VersionProvider.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "unknown";
    }
}
