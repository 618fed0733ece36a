package vqlens.core.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import vqlens.core.internal.NearestCodeKernel;
import vqlens.core.internal.Workers;

/**
 * The one place that decides threads and reports what the numerics run on.
 *
 * <p>Lifecycle: the first call to {@link #info()} (or to any quantizer operation) loads ND4J, which takes
 * 0.5–3 s and unpacks native libraries on a machine's first run; call it off the UI thread. It then sets
 * BLAS to one thread per call, because VQ Lens's kernels split every batch over {@link Workers} and two
 * two-threaded BLAS calls on two cores would only fight.
 */
public final class ComputeRuntime {
    private static volatile RuntimeInfo info;

    private ComputeRuntime() {
    }

    /** Loads ND4J if needed and describes backend, BLAS and threads. Thread-safe; cheap after the first call. */
    public static RuntimeInfo info() {
        RuntimeInfo local = info;
        if (local == null) {
            synchronized (ComputeRuntime.class) {
                local = info;
                if (local == null) {
                    local = initialise();
                    info = local;
                }
            }
        }
        return local;
    }

    /** Makes sure ND4J is loaded and threads are set; every quantizer entry point calls this. */
    public static void ensureReady() {
        info();
    }

    /** True when numerics run on the CPU backend (VQ Lens's BLAS kernels need host memory). */
    public static boolean isCpu() {
        return "CPU".equals(info().backend());
    }

    /** ND4J's version as its jar's Maven metadata states it. */
    private static String nd4jVersion() {
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: the version is informative only
        }
        return "unknown";
    }

    private static RuntimeInfo initialise() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = String.valueOf(env.getOrDefault("backend", "unknown"));
        int workers = Workers.count();
        if ("CPU".equals(backend) && workers > 1) {
            Nd4j.factory().blas().setMaxThreads(1);
        }
        String vendor = String.valueOf(Nd4j.factory().blas().getBlasVendor());
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        boolean chosen = coreType != null && !coreType.isBlank();
        String source = System.getenv("VQLENS_BLAS_CORETYPE_SOURCE");
        return new RuntimeInfo(backend, nd4jVersion(), "OPENBLAS".equals(vendor) ? "OpenBLAS" : vendor,
                chosen ? coreType : "auto", chosen ? (source == null || source.isBlank() ? "user" : source) : "OpenBLAS",
                Nd4j.factory().blas().getMaxThreads(), Nd4j.getEnvironment().maxThreads(), workers,
                NearestCodeKernel.searchLoopDescription());
    }
}
