package vqlens.core.io.internal;

import vqlens.core.Printable;
import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Strict JSON for file headers and metadata (Jackson's streaming parser): duplicate keys are errors (a
 * file must not mean two things), nesting and number lengths are bounded, nothing but whitespace may
 * follow the value. Problems come back as one line with the position.
 */
public final class JsonText {
    /** Deeper than any header or metadata needs; keeps hostile input from costing stack. */
    static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(64)
                    .build())
            .build();

    private JsonText() {
    }

    /** A parser over {@code text}; the caller closes it. */
    public static JsonParser parser(String text) throws IOException {
        return FACTORY.createParser(text);
    }

    /** {@code null} if {@code text} is exactly one JSON object (and whitespace), else the problem in one line. */
    public static String objectProblem(String text) {
        try (JsonParser p = parser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                return "unexpected text after the JSON object" + at(p.currentTokenLocation());
            }
            return null;
        } catch (JsonProcessingException e) {
            return problem(e);
        } catch (IOException e) {
            return "unreadable JSON";
        }
    }

    /** Jackson's message without its source excerpt, plus the position. */
    public static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            message = "invalid JSON";
        }
        int cut = message.indexOf('\n');
        message = Printable.of(cut < 0 ? message : message.substring(0, cut)).strip();
        return message + at(e.getLocation());
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
