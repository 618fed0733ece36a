package vqlens.ui.shell;

import java.lang.module.ModuleDescriptor;

/** The application's version, as recorded in the module descriptor at build time. */
final class AppVersion {

    private AppVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}; {@code dev} when the module carries no version. */
    static String current() {
        ModuleDescriptor descriptor = AppVersion.class.getModule().getDescriptor();
        if (descriptor != null && descriptor.rawVersion().isPresent()) {
            return descriptor.rawVersion().get();
        }
        String implementation = AppVersion.class.getPackage().getImplementationVersion();
        return implementation != null ? implementation : "dev";
    }
}
