package vqlens.ui.shell;

import vqlens.core.runtime.RuntimeInfo;

/** Runtime descriptions for tests, so no test needs ND4J. */
public final class FakeRuntimes {

    /** What ComputeRuntime reports through ./vqlens on a 2-core machine with AVX2 (as of this writing). */
    public static final RuntimeInfo CPU =
            new RuntimeInfo("CPU", "1.0.0-M2.1", "OpenBLAS", "Haswell", "launcher", 1, 2, 2, "SIMD, 8 float lanes");

    /** Obviously fake, for asserting that exactly this one reached the view. */
    static final RuntimeInfo FAKE = new RuntimeInfo("FakeBackend", "0-test", "TestBLAS", "none", "test", 1, 1, 3, "scalar");

    private FakeRuntimes() {
    }
}
