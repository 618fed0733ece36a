package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import vqlens.core.QuantizerConfig;
import vqlens.core.SettingProblem;
import vqlens.core.VqException;
import vqlens.train.data.BuiltInDataset;

/** The one set of training-settings rules: per-field problems, and the constructors throwing the same. */
class TrainingRulesTest {

    private static List<String> settings(List<SettingProblem> problems) {
        return problems.stream().map(SettingProblem::setting).toList();
    }

    @Test
    void aValidSetUpHasNoProblems() {
        TrainingRules.Draft d = TrainingRules.Draft.empty().shape(4L, 384L, 256L)
                .hyper(UpdateRule.EMA, 0.0, 0.99, 0.25, 2.0).run(1024L, 0L, 1L);
        assertEquals(List.of(), TrainingRules.check(d));
    }

    @Test
    void everyBrokenFieldIsReportedAtItsId() {
        TrainingRules.Draft d = TrainingRules.Draft.empty().shape(5L, 384L, 0L)
                .hyper(UpdateRule.ADAM, 0.0, 1.0, -1.0, Double.NaN).run(0L, -1L, 0L);
        List<SettingProblem> p = TrainingRules.check(d);
        assertEquals(List.of("codes", "heads", "learningRate", "decay", "beta", "deadThreshold", "batch", "maxSteps",
                "snapshotEvery"), settings(p));
        assertEquals("must divide the dimension 384", p.get(1).atField());
        assertEquals("heads (5) must divide the embedding dimension (384)", p.get(1).sentence());
        assertEquals("must be above 0 for adam", p.get(2).atField());
        assertEquals("must be in [0, 1), e.g. 0.99", p.get(3).atField());
    }

    @Test
    void unknownValuesAreSkipped() {
        assertEquals(List.of(), TrainingRules.check(TrainingRules.Draft.empty()));
        // without the method, a rate of 0 is allowed (EMA and k-means ignore it)
        assertEquals(List.of(), TrainingRules.hyperparameters(null, 0.0, null, null, null));
    }

    @Test
    void theConstructorsThrowTheFirstProblemOfTheSameRules() {
        VqException heads = assertThrows(VqException.class, () -> new QuantizerConfig(5, 384, 256));
        assertEquals(QuantizerConfig.problems(5, 384, 256).get(0).sentence(), heads.getMessage());
        VqException decay = assertThrows(VqException.class,
                () -> Hyperparameters.defaults(UpdateRule.EMA, 1024, 256).withDecay(1.0));
        assertEquals(TrainingRules.hyperparameters(UpdateRule.EMA, null, 1.0, null, null).get(0).sentence(), decay.getMessage());
        VqException hidden = assertThrows(VqException.class, () -> new VqVaeShape(16, List.of(8, 0)));
        assertEquals(TrainingRules.network(16, List.of(8, 0)).get(0).sentence(), hidden.getMessage());
    }

    @Test
    void aBatchTooWideForOneArrayIsRefusedBeforeAllocating() {
        TrainingRules.Draft d = TrainingRules.Draft.empty().shape(1L, 1L << 20, 2L).run((long) TrainingSettings.MAX_BATCH, 1L, 1L);
        List<SettingProblem> p = TrainingRules.check(d);
        assertEquals(List.of("batch"), settings(p));
        assertTrue(p.get(0).sentence().contains("does not fit one array"), p::toString);
    }

    @Test
    void theVqVaeNeedsAGradientMethodAndSaneHiddenSizes() {
        TrainingRules.Draft d = TrainingRules.Draft.empty().shape(4L, 32L, 64L).hyper(UpdateRule.EMA, null, null, null, null)
                .network(256, List.of(256, VqVaeShape.MAX_HIDDEN + 1));
        assertEquals(List.of("hidden", "method"), settings(TrainingRules.check(d)));
    }

    @Test
    void generatedDataRules() {
        assertEquals(List.of("rows", "clusters", "spread"), settings(TrainingRules.generatedData(0L, 8L, 0L, -1.0)));
        assertEquals("must be at most the rows (10)", TrainingRules.generatedData(10L, 2L, 11L, 0.1).get(0).atField());
    }

    @Test
    void theVqVaeLearnsRowsOfAWidthOfTheirOwn() {
        assertEquals(List.of(), TrainingRules.vqvaeData(BuiltInDataset.SHAPES), "images");
        assertEquals(List.of(), TrainingRules.vqvaeData(BuiltInDataset.MOONS), "2-D points have a width too");
        assertEquals(List.of(), TrainingRules.vqvaeData(null), "a file: any width");
        assertEquals(List.of("data"), settings(TrainingRules.vqvaeData(BuiltInDataset.MIXTURE)),
                "a mixture's width is --dim, the latent's in this mode");
    }
}
