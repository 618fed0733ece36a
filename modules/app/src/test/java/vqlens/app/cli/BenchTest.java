package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Tiny sizes keep these short; speed itself is never asserted. */
class BenchTest {

    @Test
    void jsonLinesCarryTheFields() throws IOException {
        Cli.Result r = Cli.run("bench", "--warmup-seconds", 0, "--batch", 256, "--batch", 32, "--heads", 2, "--dim", 8, "--codes", 4,
                "--repeats", 2, "--json");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err());
        List<String> ops = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : r.outLines()) {
            JsonNode json = mapper.readTree(line);
            ops.add(json.get("op").asText() + "@" + json.get("batch").asInt());
            assertEquals(2, json.get("heads").asInt());
            assertEquals(8, json.get("dim").asInt());
            assertEquals(4, json.get("codes").asInt());
            assertEquals(2, json.get("repeats").asInt());
            for (String field : List.of("vectors_per_s", "gflops", "median_ms")) {
                assertTrue(json.get(field).isNumber() && json.get(field).asDouble() >= 0, field + " in " + line);
            }
            assertTrue(json.get("backend").isTextual() && json.get("blas_core_type").isTextual(), line);
            if (json.get("op").asText().equals("decode")) {
                assertEquals(0.0, json.get("gflops").asDouble(), "decode does no arithmetic");
            } else {
                assertEquals(2.0 * json.get("batch").asInt() * 4 * 8 / (json.get("median_ms").asDouble() / 1e3) / 1e9,
                        json.get("gflops").asDouble(), 1e-6 * json.get("gflops").asDouble(), "2·B·H·K·D / time");
            }
        }
        assertEquals(List.of("encode@256", "forward@256", "decode@256", "encode@32", "forward@32", "decode@32"), ops);
    }

    @Test
    void tableHasAHeaderAndOneRowPerMeasurement() {
        Cli.Result r = Cli.run("bench", "--warmup-seconds", 0, "--batch", 64, "--heads", 1, "--dim", 4, "--codes", 3, "--repeats", 1,
                "--warmup", 0, "--op", "decode", "--op", "ENCODE");
        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.outLines();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(1).matches("op\\s+batch\\s+heads\\s+dim\\s+codes\\s+median ms.*"), r.out());
        assertTrue(lines.get(2).startsWith("decode ") && lines.get(3).startsWith("encode "), r.out());
        assertEquals(lines.get(1).length(), lines.get(2).length(), "columns line up");
    }
}
