package vqlens.app.cli;

/**
 * Writes the stack trace of an unexpected failure to the log (SLF4J, which the launcher binds to a file),
 * never to the terminal. SLF4J sits on the class path beside ND4J and Maven keeps it off this module's
 * compile path, so it is reached by reflection (which needs no module read edge).
 */
final class DetailLog {
    private DetailLog() {
    }

    static void record(Throwable t) {
        try {
            Object logger = Class.forName("org.slf4j.LoggerFactory")
                    .getMethod("getLogger", String.class).invoke(null, "vqlens.app");
            Class.forName("org.slf4j.Logger").getMethod("error", String.class, Throwable.class)
                    .invoke(logger, "unexpected failure", t);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no logger: the one-line message on stderr is all there is; never a stack trace there
        }
    }
}
