package vqlens.ui.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The guide's text format, and the shipped guide's topics. */
class HelpTextTest {

    @Test
    void topicsHoldHeadingsParagraphsAndBullets() {
        List<HelpText.Topic> t = HelpText.parse("# One\nA line\ncontinued.\n\n- a **bold** point\n## Sub\nText\n# Two\n");
        assertEquals(List.of("One", "Two"), t.stream().map(HelpText.Topic::title).toList());
        assertEquals(List.of(
                new HelpText.Block(HelpText.Block.Kind.PARAGRAPH, "A line continued."),
                new HelpText.Block(HelpText.Block.Kind.BULLET, "a **bold** point"),
                new HelpText.Block(HelpText.Block.Kind.HEADING, "Sub"),
                new HelpText.Block(HelpText.Block.Kind.PARAGRAPH, "Text")), t.get(0).blocks());
        assertEquals(List.of("a ", "bold", " point"), HelpText.boldPieces("a **bold** point"), "odd pieces are bold");
    }

    @Test
    void theShippedGuideStartsHereAndEndsWithTheShortcuts() {
        List<HelpText.Topic> t = HelpText.shipped();
        assertEquals("Start here", t.get(0).title());
        assertEquals("Keyboard shortcuts", t.get(t.size() - 1).title(), "the window adds the list to the last topic");
        String charts = String.join(" ", t.stream().filter(x -> x.title().equals("The charts")).findFirst().orElseThrow()
                .blocks().stream().map(HelpText.Block::text).toList());
        for (String term : List.of("Perplexity", "dead", "thrashing", "fair share", "reconstruction MSE")) {
            assertTrue(charts.contains(term), "the charts' help explains " + term);
        }
    }
}
