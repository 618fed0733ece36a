package vqlens.core.io;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.internal.JsonText;

/**
 * Everything a native {@code .npz} codebook file holds: the {@link Codebooks} (values and {@code inited}),
 * optional {@code usage} (total assignment count of every code, {@code [heads, codes]}) and optional
 * {@code meta} (a JSON object: configuration, training summary, app version, created time). Other
 * formats carry only the codebooks; saving a document to them drops usage and meta. A document read from a file
 * also says where the codebooks came from ({@link #source()}), which an edit ({@link #withCodebooks}) keeps and
 * a write-back into the file ({@link CodebookFiles#patch}) needs; equality is about the content and ignores it. Immutable.
 */
public final class CodebookDocument {
    private final Codebooks codebooks;
    private final long[] usage;
    private final String meta;
    private final CodebookSource source;

    private CodebookDocument(Codebooks codebooks, long[] usage, String meta, CodebookSource source) {
        this.codebooks = codebooks;
        this.usage = usage;
        this.meta = meta;
        this.source = source;
    }

    private CodebookDocument(Codebooks codebooks, long[] usage, String meta) {
        this(codebooks, usage, meta, null);
    }

    public static CodebookDocument of(Codebooks codebooks) {
        return new CodebookDocument(Objects.requireNonNull(codebooks, "codebooks"), null, null);
    }

    /**
     * @param usage {@code null}, or {@code heads * codes} non-negative counts, C order (copied)
     * @param meta  {@code null}, or the text of a JSON object
     * @throws IllegalArgumentException if usage has the wrong length or a negative count, or meta is not a
     *                                  JSON object (a file holding it could not be opened again)
     */
    public static CodebookDocument of(Codebooks codebooks, long[] usage, String meta) {
        Objects.requireNonNull(codebooks, "codebooks");
        return new CodebookDocument(codebooks, usage == null ? null : checkedUsage(codebooks.config(), usage.clone()), checkedMeta(meta));
    }

    public Codebooks codebooks() {
        return codebooks;
    }

    /** A copy of the usage counts, {@code [heads, codes]} in C order, if the file had them. */
    public Optional<long[]> usage() {
        return usage == null ? Optional.empty() : Optional.of(usage.clone());
    }

    /** The meta JSON object as text, if the file had one. */
    public Optional<String> meta() {
        return Optional.ofNullable(meta);
    }

    /** Where the codebooks were read from, if they were read from a file. */
    public Optional<CodebookSource> source() {
        return Optional.ofNullable(source);
    }

    /** The same content, read from {@code newSource} ({@code null}: from nowhere). */
    public CodebookDocument withSource(CodebookSource newSource) {
        return new CodebookDocument(codebooks, usage, meta, newSource);
    }

    /** Edited codebooks; keeps usage, meta and where the original came from (an edit can be written back there). */
    public CodebookDocument withCodebooks(Codebooks newCodebooks) {
        Objects.requireNonNull(newCodebooks, "codebooks");
        if (usage != null && !newCodebooks.config().equals(codebooks.config())) {
            throw new IllegalArgumentException("usage counts are for " + codebooks.config() + ", not " + newCodebooks.config());
        }
        return new CodebookDocument(newCodebooks, usage, meta, source);
    }

    public CodebookDocument withUsage(long[] newUsage) {
        return of(codebooks, newUsage, meta).withSource(source);
    }

    public CodebookDocument withMeta(String newMeta) {
        return new CodebookDocument(codebooks, usage, checkedMeta(newMeta), source);
    }

    /**
     * The document after {@code descriptions} were applied to its codebooks since its meta was written: the
     * meta (a new one if none) gets them appended to its {@code "edits"} list, so it no longer passes for a
     * description of the codebooks as trained. Unchanged when there are none.
     */
    public CodebookDocument withEdits(List<String> descriptions) {
        if (descriptions.isEmpty()) {
            return this;
        }
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode node = meta == null ? json.createObjectNode() : (ObjectNode) json.readTree(meta);
            ArrayNode edits = node.get("edits") instanceof ArrayNode list ? list : node.putArray("edits");
            descriptions.forEach(edits::add);
            return withMeta(node.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("meta was checked as a JSON object", e);
        }
    }

    private static long[] checkedUsage(QuantizerConfig config, long[] usage) {
        long expected = (long) config.heads() * config.codes();
        if (usage.length != expected) {
            throw new IllegalArgumentException("usage must hold heads x codes = " + expected + " counts, got " + usage.length);
        }
        for (int i = 0; i < usage.length; i++) {
            if (usage[i] < 0) {
                throw new IllegalArgumentException("usage count " + usage[i] + " at index " + i + " is negative");
            }
        }
        return usage;
    }

    private static String checkedMeta(String meta) {
        if (meta != null) {
            String problem = JsonText.objectProblem(meta);
            if (problem != null) {
                throw new IllegalArgumentException("meta must be a JSON object: " + problem);
            }
        }
        return meta;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodebookDocument d && d.codebooks.equals(codebooks) && Arrays.equals(d.usage, usage)
                && Objects.equals(d.meta, meta);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codebooks, Arrays.hashCode(usage), meta);
    }

    @Override
    public String toString() {
        return "CodebookDocument[" + codebooks + (usage != null ? ", usage" : "") + (meta != null ? ", meta" : "") + "]";
    }
}
