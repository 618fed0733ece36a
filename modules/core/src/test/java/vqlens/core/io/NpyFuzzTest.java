package vqlens.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the .npy codebook loader. In a normal test run this replays the seeds in
 * {@code src/test/resources/io/vqlens/core/io/NpyFuzzTestInputs/loadNpy/}; the Maven profile {@code fuzz}
 * (with {@code JAZZER_FUZZ=1}) fuzzes it for a bounded time. Runs on the class path only (see the pom).
 */
class NpyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void loadNpy(byte[] data) {
        FuzzTargets.load(data, CodebookFormat.NPY);
    }
}
