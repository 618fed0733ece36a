package vqlens.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the .safetensors codebook loader. In a normal test run this replays the seeds in
 * {@code src/test/resources/io/vqlens/core/io/SafetensorsFuzzTestInputs/loadSafetensors/}; the Maven profile {@code fuzz}
 * (with {@code JAZZER_FUZZ=1}) fuzzes it for a bounded time. Runs on the class path only (see the pom).
 */
class SafetensorsFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void loadSafetensors(byte[] data) {
        FuzzTargets.load(data, CodebookFormat.SAFETENSORS);
    }
}
