package vqlens.ui.help;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The guide's text, parsed (no JavaFX): topics ({@code # Title}), each a list of blocks: headings
 * ({@code ## …}), paragraphs (lines up to a blank one) and bullets ({@code - …}). Inside a block
 * {@code **bold**} marks the terms a reader looks for.
 */
public final class HelpText {

    /** A block of a topic. */
    public record Block(Kind kind, String text) {
        public enum Kind { HEADING, PARAGRAPH, BULLET }
    }

    public record Topic(String title, List<Block> blocks) {
    }

    private HelpText() {
    }

    /** The guide shipped with the app. */
    public static List<Topic> shipped() {
        try (InputStream in = HelpText.class.getResourceAsStream("help.txt")) {
            if (in == null) {
                throw new IllegalStateException("help.txt is missing from the application");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Topic> parse(String text) {
        List<Topic> topics = new ArrayList<>();
        String title = null;
        List<Block> blocks = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            boolean special = line.isEmpty() || line.startsWith("#") || line.startsWith("- ");
            if (special && paragraph.length() > 0) {
                blocks.add(new Block(Block.Kind.PARAGRAPH, paragraph.toString()));
                paragraph.setLength(0);
            }
            if (line.startsWith("# ")) {
                if (title != null) {
                    topics.add(new Topic(title, List.copyOf(blocks)));
                }
                title = line.substring(2).strip();
                blocks.clear();
            } else if (line.startsWith("## ")) {
                blocks.add(new Block(Block.Kind.HEADING, line.substring(3).strip()));
            } else if (line.startsWith("- ")) {
                blocks.add(new Block(Block.Kind.BULLET, line.substring(2).strip()));
            } else if (!line.isEmpty()) {
                paragraph.append(paragraph.length() > 0 ? " " : "").append(line);
            }
        }
        if (paragraph.length() > 0) {
            blocks.add(new Block(Block.Kind.PARAGRAPH, paragraph.toString()));
        }
        if (title != null) {
            topics.add(new Topic(title, List.copyOf(blocks)));
        }
        return List.copyOf(topics);
    }

    /** {@code text} cut at its {@code **} marks: even pieces are plain, odd ones bold. */
    public static List<String> boldPieces(String text) {
        return List.of(text.split("\\*\\*", -1));
    }
}
