package vqlens.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the FAISS reader: every input is opened as a {@code faiss.write_index} file ({@code .index}, recognised by its
 * fourcc) and as a bare {@code faiss.write_ProductQuantizer} file ({@code .pq}), through the loader {@link CodebookFiles}
 * uses. In a normal test run this replays the seeds in
 * {@code src/test/resources/io/vqlens/core/io/FaissFuzzTestInputs/loadFaiss/} (indexes written by faiss 1.7.3); the
 * Maven profile {@code fuzz} (execution {@code fuzz-faiss}) fuzzes it for a bounded time. Runs on the class path only.
 */
class FaissFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void loadFaiss(byte[] data) {
        FuzzTargets.loadModel(data, "fuzz.index");
        FuzzTargets.loadModel(data, "fuzz.pq");
    }
}
