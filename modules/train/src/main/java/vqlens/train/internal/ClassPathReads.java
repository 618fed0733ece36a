package vqlens.train.internal;

/**
 * Makes this module read the class path's unnamed module, where ND4J lives, before any ND4J type is
 * resolved. The launcher and this module's tests already pass {@code --add-reads vqlens.train=ALL-UNNAMED};
 * this covers JVMs started without it (e.g. another module's test run), where the first ND4J call would
 * otherwise fail with an {@link IllegalAccessError}. {@link Module#addReads} is allowed for a module's own
 * code and changes nothing when the edge exists.
 */
final class ClassPathReads {
    private ClassPathReads() {
    }

    static void ensure() {
        Module self = ClassPathReads.class.getModule();
        ClassLoader loader = ClassPathReads.class.getClassLoader();
        if (self.isNamed() && loader != null) {
            self.addReads(loader.getUnnamedModule());
        }
    }
}
