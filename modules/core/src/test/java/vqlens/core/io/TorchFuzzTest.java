package vqlens.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the PyTorch checkpoint loader (zip and legacy torch.save, the restricted pickle reader, candidate
 * discovery). In a normal test run this replays the seeds in
 * {@code src/test/resources/io/vqlens/core/io/TorchFuzzTestInputs/loadCheckpoint/}; the Maven profile {@code fuzz}
 * (with {@code JAZZER_FUZZ=1}) fuzzes it for a bounded time. Runs on the class path only (see the pom).
 */
class TorchFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void loadCheckpoint(byte[] data) {
        FuzzTargets.loadModel(data);
    }
}
