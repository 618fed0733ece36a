package vqlens.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the CSV codebook loader. In a normal test run this replays the seeds in
 * {@code src/test/resources/io/vqlens/core/io/CsvFuzzTestInputs/loadCsv/}; the Maven profile {@code fuzz}
 * (with {@code JAZZER_FUZZ=1}) fuzzes it for a bounded time. Runs on the class path only (see the pom).
 */
class CsvFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void loadCsv(byte[] data) {
        FuzzTargets.load(data, CodebookFormat.CSV);
    }
}
