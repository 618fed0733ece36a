package vqlens.core.runtime;

import java.lang.module.ModuleDescriptor;

/**
 * VQ Lens's version, for {@code --version} and the window's About box. The Maven build stamps every
 * module with the project version ({@code javac --module-version}), so it is written down once.
 */
public final class ProductVersion {
    private ProductVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}: the module version, or the jar manifest's, or {@code unknown} for unversioned classes. */
    public static String current() {
        ModuleDescriptor descriptor = ProductVersion.class.getModule().getDescriptor();
        if (descriptor != null && descriptor.rawVersion().isPresent()) {
            return descriptor.rawVersion().get();
        }
        String manifest = ProductVersion.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "unknown";
    }
}
