package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import vqlens.core.QuantizerConfig;
import vqlens.train.UpdateRule;
import vqlens.train.TrainingSettings;
import vqlens.train.VqVaeShape;
import vqlens.train.data.BuiltInDataset;

/** Validation of the set-up: every problem at its field, never an exception. */
class SetupFormTest {

    private final SetupForm form = new SetupForm();

    @Test
    void theDefaultsAreValid() {
        assertTrue(form.isValid(), form.problemProperty().get());
        TrainingSettings s = form.settings(7);
        assertEquals(new QuantizerConfig(4, 32, 256), s.quantizer());
        assertEquals(UpdateRule.EMA, s.method());
        assertEquals(7, s.snapshotEvery(), "0 = auto takes the computed interval");
        assertEquals(20000, form.dataRows());
    }

    @Test
    void pickingATwoDimensionalSetGivesAValidOneHeadPlane() {
        form.datasetProperty().set(BuiltInDataset.BLOBS);
        assertTrue(form.isValid(), form.problemProperty().get());
        assertEquals(new QuantizerConfig(1, 2, 256), form.settings(1).quantizer(), "heads 1, dimension 2");
    }

    @Test
    void headsMustDivideTheDimension() {
        form.field("heads").setText("5");
        assertFalse(form.isValid());
        assertEquals("must divide the dimension 32: 1, 2, 4, 8, 16, 32", form.field("heads").getError(), "every divisor");
        assertEquals("", form.field("dim").getError());
        assertTrue(form.problemProperty().get().startsWith("Heads: "));
    }

    @Test
    void aDimensionWithManyDivisorsListsThoseNearTheValueTyped() {
        // 720 has 30 divisors: 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 24, 30, 36, 40, …
        assertEquals(": …, 10, 12, 15, 16, 18, 20, 24, 30, …", SetupForm.divisorsHint(720, 17));
        assertEquals(": 1, 2, 3, 4, 5, 6, 8, 9, …", SetupForm.divisorsHint(720, 1));
        assertEquals(": …, 80, 90, 120, 144, 180, 240, 360, 720", SetupForm.divisorsHint(720, 700));
    }

    @Test
    void textThatIsNoNumberIsMarkedNotThrown() {
        form.field("batch").setText("lots");
        form.field("decay").setText("1.5");
        form.field("learningRate").setText("abc"); // does not apply to EMA: not checked
        assertEquals("'lots' is not a whole number", form.field("batch").getError());
        assertEquals("must be in [0, 1), e.g. 0.99", form.field("decay").getError());
        assertEquals("", form.field("learningRate").getError());
        assertFalse(form.isValid());
        assertFalse(form.liveValidProperty().get());
        form.methodProperty().set(UpdateRule.ADAM);
        assertEquals("0.01", form.field("learningRate").getText(), "the method's default learning rate");
        form.field("learningRate").setText("0");
        assertEquals("must be above 0 for adam", form.field("learningRate").getError());
        form.field("learningRate").setText("NaN");
        assertEquals("'NaN' is not a finite number", form.field("learningRate").getError());
    }

    @Test
    void aPlanarSetFixesTheDimensionToTwo() {
        form.datasetProperty().set(BuiltInDataset.MOONS);
        assertEquals("2", form.field("dim").getText());
        assertFalse(form.field("clusters").isApplicable(), "moons have no cluster count");
        form.field("heads").setText("1");
        form.field("codes").setText("16");
        assertTrue(form.isValid(), form.problemProperty().get());
        assertEquals(2, form.dataChoice().dim());
    }

    @Test
    void aFileMustBeChosenAndFitTheCodebook() {
        form.dataKindProperty().set(SetupForm.DataKind.FILE);
        assertFalse(form.isValid());
        assertEquals("choose a .npy or .csv file", form.dataErrorProperty().get());
        form.setDataFile(java.nio.file.Path.of("rows.npy"), SetupForm.FileInfo.ok(500, 12, "rows.npy"));
        assertEquals("12", form.field("dim").getText(), "the file's width");
        assertTrue(form.isValid(), form.problemProperty().get());
        form.setFixed(new SetupForm.Fixed(new QuantizerConfig(2, 8, 16), "cb.npz"));
        assertEquals("the file's rows have 12 values; the codebook needs 8", form.dataErrorProperty().get());
        assertFalse(form.isValid());
    }

    @Test
    void clustersCannotExceedRows() {
        form.field("rows").setText("10");
        assertEquals("must be at most the rows (10)", form.field("clusters").getError());
    }

    @Test
    void theShapesSetFixesTheQuantizersDimensionToItsImages() {
        form.datasetProperty().set(BuiltInDataset.SHAPES);
        assertEquals("256", form.field("dim").getText(), "16 x 16 values per row: no 'rows have 256 values' dead end");
        assertTrue(form.isValid(), form.problemProperty().get());
        assertEquals(256, form.dataChoice().dim());
    }

    @Test
    void theDigitsTrainAVqVaeOnTheirFixedImagesAndRefuseMoreRowsThanTheyHave() {
        form.datasetProperty().set(BuiltInDataset.DIGITS);
        assertEquals("1500", form.field("rows").getText(), "20,000 rows of a set of 1,500 images: cut to all of them");
        form.setVqvae(true);
        assertTrue(form.isValid(), form.problemProperty().get());
        assertEquals(BuiltInDataset.DIGITS, form.datasetProperty().get(), "images already: kept");
        assertEquals(new VqVaeShape(64, List.of(256, 128)), form.settings(1).network(), "8 x 8 images in");
        form.field("rows").setText("2000");
        assertEquals("the digits have 1500 training images: 1 to 1500", form.field("rows").getError());
        assertFalse(form.isValid());
    }

    @Test
    void switchingToTheVqVaeGivesASetUpItCanTrain() {
        form.setVqvae(true);
        assertTrue(form.isValid(), form.problemProperty().get());
        TrainingSettings s = form.settings(1);
        assertTrue(s.vqvae());
        assertEquals(BuiltInDataset.SHAPES, form.datasetProperty().get(), "a mixture has no width of its own: images instead");
        assertEquals(new VqVaeShape(256, List.of(256, 128)), s.network(), "the data's width in, the hidden sizes typed");
        assertEquals(new QuantizerConfig(4, 32, 64), s.quantizer(), "the latent is the quantizer's dimension");
        assertEquals(UpdateRule.ADAM, s.method());
        assertEquals(0.002, s.hyper().learningRate());
        assertEquals(64, s.batch());
        assertEquals(256, form.dataChoice().dim(), "the set keeps its own width; the dimension is the latent's");
        assertFalse(form.dimensionIsDerived(), "the latent width is typed");
    }

    @Test
    void theVqVaesRulesShowAtTheirFields() {
        form.setVqvae(true);
        form.field("hidden").setText("256,x");
        assertEquals("whole numbers separated by commas, e.g. 256,128", form.field("hidden").getError());
        form.field("hidden").setText("256,0");
        assertEquals("sizes must be in [1, 65536]", form.field("hidden").getError(), "the one set of rules");
        form.field("hidden").setText("");
        assertTrue(form.isValid(), "no hidden layer is a network too: " + form.problemProperty().get());
        form.methodProperty().set(UpdateRule.EMA);
        assertEquals("the VQ-VAE trains by gradients: choose adam or sgd", form.methodErrorProperty().get());
        assertEquals("Method: the VQ-VAE trains by gradients: choose adam or sgd", form.problemProperty().get());
        form.methodProperty().set(UpdateRule.SGD);
        form.datasetProperty().set(BuiltInDataset.MIXTURE);
        assertEquals("mixture has no width of its own: the VQ-VAE learns images, choose shapes, digits or a file",
                form.dataErrorProperty().get());
        assertFalse(form.isValid());
    }

    @Test
    void aFileOfAnyWidthFeedsTheVqVaesEncoder() {
        form.setVqvae(true);
        form.setDataFile(java.nio.file.Path.of("rows.npy"), SetupForm.FileInfo.ok(500, 12, "rows.npy"));
        assertEquals("32", form.field("dim").getText(), "the latent stays as typed");
        assertTrue(form.isValid(), form.problemProperty().get());
        assertEquals(12, form.settings(1).network().inputDim());
    }

    @Test
    void anOpenedVqVaeCheckpointFixesItsNetworkAndACodebookReturnsToQuantizerMode() {
        form.setFixed(new SetupForm.Fixed(new QuantizerConfig(4, 16, 32), "vae.npz", new VqVaeShape(256, List.of(128, 64))));
        assertTrue(form.vqvaeProperty().get());
        assertEquals("128,64", form.field("hidden").getText());
        form.datasetProperty().set(BuiltInDataset.SHAPES);
        assertEquals("Method: the VQ-VAE trains by gradients: choose adam or sgd", form.problemProperty().get(),
                "the form's EMA does not train it (opening fills the checkpoint's method first)");
        form.methodProperty().set(UpdateRule.ADAM);
        assertTrue(form.isValid(), form.problemProperty().get());
        assertEquals(new VqVaeShape(256, List.of(128, 64)), form.settings(1).network());
        form.setFixed(new SetupForm.Fixed(new QuantizerConfig(2, 8, 16), "cb.npz"));
        assertFalse(form.vqvaeProperty().get(), "a codebook alone continues as a quantizer");
    }
}
