package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.app.cli.Cli.golden;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class InspectTest {

    @Test
    void jsonHasShapeFlagAndPerHeadNorms() throws IOException {
        Cli.Result r = Cli.run("inspect", golden("codebook_export.npz"), "--json");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err());
        assertEquals(1, r.outLines().size(), "one JSON object on one line");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.get("file").asText().endsWith("codebook_export.npz"));
        assertEquals(java.util.List.of(4, 256, 96), java.util.List.of(json.get("shape").get(0).asInt(),
                json.get("shape").get(1).asInt(), json.get("shape").get(2).asInt()));
        assertEquals(4, json.get("heads").asInt());
        assertEquals(256, json.get("codes").asInt());
        assertEquals(96, json.get("head_dim").asInt());
        assertTrue(json.get("inited").asBoolean());

        float[] values = TestNpy.read(golden("case1_codebooks.npy")).floats();
        JsonNode norms = json.get("norms");
        assertEquals(4, norms.size());
        for (int h = 0; h < 4; h++) {
            double min = Double.MAX_VALUE;
            double max = 0;
            double sum = 0;
            for (int k = 0; k < 256; k++) {
                double sq = 0;
                for (int d = 0; d < 96; d++) {
                    double v = values[(h * 256 + k) * 96 + d];
                    sq += v * v;
                }
                double norm = Math.sqrt(sq);
                min = Math.min(min, norm);
                max = Math.max(max, norm);
                sum += norm;
            }
            JsonNode head = norms.get(h);
            // norms are computed in double on both sides; only the summation order may differ
            assertEquals(min, head.get("min").asDouble(), 1e-9);
            assertEquals(sum / 256, head.get("mean").asDouble(), 1e-9);
            assertEquals(max, head.get("max").asDouble(), 1e-9);
        }
    }

    @Test
    void textNamesTheFacts() {
        Cli.Result r = Cli.run("inspect", golden("case2_codebooks.npy"));
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("[2, 5, 4]"), r.out());
        assertTrue(r.out().matches("(?s).*heads\\s+2\\b.*"), r.out());
        assertTrue(r.out().matches("(?s).*head dim\\s+4\\b.*"), r.out());
        assertTrue(r.out().matches("(?s).*inited\\s+(true|false)\\b.*"), r.out());
        assertEquals(2, r.outLines().stream().filter(l -> l.matches("\\s+[01]\\s+\\S+\\s+\\S+\\s+\\S+")).count(), r.out());
    }
}
