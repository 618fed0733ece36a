package vqlens.ui.learn.model;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.core.VqException;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.CodebookEdits;
import vqlens.train.UpdateRule;

/**
 * Lesson 4, "colour quantization: a codebook you can see": every pixel of a photo is a 3-D colour, a codebook of K
 * colours replaces each pixel by its nearest code. Training ({@link ColourTraining}: the trainer's stepper, core's
 * encoder) runs in the background from a {@link ColourTraining.Job}; its snapshots come back through {@link #accept}.
 * Finished results are kept per photo, K, method and seed, so going back shows them at once.
 *
 * <p>Editing a swatch is a {@code vqlens.core.edit} edit of the codebook, undoable. The image is re-coloured, not
 * re-encoded: every pixel keeps its code and only that code's colour changes (core's decoder with the edited
 * codebook), so the MSE shown is that of the re-coloured image.
 */
public final class ColourQuantizationModel extends LessonModel {
    public static final int MIN_CODES = 2;
    public static final int MAX_CODES = 256;
    public static final int START_CODES = 16;
    static final long START_SEED = 4;
    /** Pixels an own image needs at least: a first EMA batch, and far more pixels than codes. */
    public static final int MIN_PIXELS = 4096;
    /** A code under this share of the pixels is "rare" (the task's 1 %). */
    public static final double RARE = 0.01;
    /** Finished results kept (about 1 MB per 100,000 pixels each). */
    private static final int RESULTS_KEPT = 24;

    private final Map<String, LessonImage> bundled = new HashMap<>();
    private final Map<String, ColourSnapshot> results = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ColourSnapshot> eldest) {
            return size() > RESULTS_KEPT;
        }
    };
    private final Map<String, ColourCloud> clouds = new HashMap<>();
    /** PSNR of every finished result shown since the reset, by key: what the comparison tasks look at. */
    private final Map<String, Double> seen = new HashMap<>();
    private final Deque<CodebookEdit[]> undo = new ArrayDeque<>(); // {edit, its inverse}
    private final Deque<CodebookEdit[]> redo = new ArrayDeque<>();
    private LessonImage image;
    private String imageKey;
    private LessonImage own;
    private String ownKey;
    private int codes;
    private UpdateRule method;
    private long seed;
    private String problem = "";
    private ColourSnapshot shown;
    private Codebooks codebook;
    private float[] recoloured;
    private double mse;
    private int selected;
    private boolean undidAnEdit;
    private float[] pixels;
    private LessonImage pixelsOf;
    private CodeSums sums;
    private ColourSnapshot sumsOf;

    public ColourQuantizationModel() {
        task("Train K = 2 and K = 16 and compare their PSNR: more colours, less error.", () -> {
            Double two = seen.get(key(imageKey, 2, method, seed));
            Double sixteen = seen.get(key(imageKey, 16, method, seed));
            return two != null && sixteen != null && sixteen > two;
        });
        task("Find a code used by fewer than 1% of the pixels and click its swatch (try K = 64).",
                () -> shown != null && shown.finished() && selected >= 0 && shown.usage()[selected] < RARE);
        task("Give a swatch a new colour, watch the image re-colour at once, then undo it.", () -> undidAnEdit);
        task("Train the same K with k-means and with EMA: which ends with the lower MSE?",
                () -> seen.containsKey(key(imageKey, codes, UpdateRule.KMEANS, seed))
                        && seen.containsKey(key(imageKey, codes, UpdateRule.EMA, seed)));
        restart();
        changed();
    }

    @Override
    protected void restart() {
        codes = START_CODES;
        method = UpdateRule.KMEANS;
        seed = START_SEED;
        problem = "";
        seen.clear();
        undidAnEdit = false;
        image = bundledImage(LessonImage.CHINA);
        imageKey = LessonImage.CHINA;
        showKept();
    }

    private LessonImage bundledImage(String name) {
        return bundled.computeIfAbsent(name, LessonImage::bundled);
    }

    private static String key(String imageKey, int codes, UpdateRule method, long seed) {
        return imageKey + "|" + codes + "|" + method + "|" + seed;
    }

    /** Which lesson state a job or result belongs to: photo, K, method, seed. */
    public String key() {
        return key(imageKey, codes, method, seed);
    }

    /** The finished result for the settings on show, if kept; else nothing until training runs. */
    private void showKept() {
        show(results.get(key()));
    }

    private void show(ColourSnapshot s) {
        shown = s;
        codebook = s == null ? null : s.codebook();
        undo.clear();
        redo.clear();
        selected = s != null && selected < s.codebook().config().codes() ? selected : -1;
        if (s == null) {
            recoloured = null;
            mse = Double.NaN;
            return;
        }
        recoloured = null; // the encoder's own result until an edit
        mse = s.mse();
        if (s.finished()) {
            seen.put(key(), s.psnr());
        }
    }

    @Override
    public long seed() {
        return seed;
    }

    // ------------------------------------------------------------------ what the view shows

    public LessonImage image() {
        return image;
    }

    public int codes() {
        return codes;
    }

    public UpdateRule method() {
        return method;
    }

    /** The last refused input, one line; empty when none. */
    public String problem() {
        return problem;
    }

    /** The training result on show (maybe still learning, or stopped), or {@code null} before training. */
    public ColourSnapshot result() {
        return shown;
    }

    /** Whether nothing has been trained yet for the settings on show. */
    public boolean needsTraining() {
        return shown == null;
    }

    /** The codebook on show: the result's, with the learner's edits; {@code null} before training. */
    public Codebooks codebook() {
        return codebook;
    }

    /** Code {@code k}'s colour now, RGB in 0..1. */
    public float[] colour(int k) {
        return codebook.code(0, k);
    }

    /** MSE per value of the image on show (re-coloured after edits). */
    public double mse() {
        return mse;
    }

    public double psnr() {
        return ImagePatches.psnrOf(mse);
    }

    /** The selected code (its pixels highlighted), or -1. */
    public int selected() {
        return selected;
    }

    /** The image's colour cloud (fixed per image; drawn from the seed). */
    public ColourCloud cloud() {
        return clouds.computeIfAbsent(imageKey + "|" + seed, k -> ColourCloud.of(image, seed));
    }

    /** The quantised image: every pixel in its code's colour now (edits included); {@code null} before training. */
    public LessonImage quantised() {
        if (shown == null) {
            return null;
        }
        return new LessonImage("quantised " + image.name(), image.width(), image.height(), decoded());
    }

    /** Core's decoder on the pixels' codes with the codebook on show. */
    private float[] decoded() {
        if (recoloured == null) {
            int n = shown.pixels();
            recoloured = new float[n * 3];
            ProductQuantizer.of(codebook).decode(shown.indicesShared(), n, 0, recoloured);
        }
        return recoloured;
    }

    /**
     * The quantised image as ARGB for the screen (the view's only per-pixel work): each pixel its code's colour; with
     * a code selected, the other pixels faded so the selected code's pixels stand out.
     */
    public void paint(int[] argb) {
        int k = codebook.config().codes();
        int[] lut = new int[k];
        // the others fade towards a tone far from the selected colour: pale around a dark code, dark around a light one
        float target = 0.85f;
        if (selected >= 0) {
            float[] s = codebook.code(0, selected);
            target = 0.299f * s[0] + 0.587f * s[1] + 0.114f * s[2] < 0.5f ? 0.9f : 0.12f;
        }
        for (int c = 0; c < k; c++) {
            float[] v = codebook.code(0, c);
            lut[c] = selected < 0 || c == selected ? argb(v[0], v[1], v[2])
                    : argb(FADE * v[0] + (1 - FADE) * target, FADE * v[1] + (1 - FADE) * target,
                            FADE * v[2] + (1 - FADE) * target);
        }
        long[] idx = shown.indicesShared();
        for (int p = 0; p < idx.length; p++) {
            argb[p] = lut[(int) idx[p]]; // one lookup per pixel: the highlight is in the table
        }
    }

    /** How much of their own colour the pixels outside the highlight keep: enough to see the scene, little. */
    private static final float FADE = 0.2f;

    /** The pixels of code {@code k}: true where the pixel's code is {@code k} (the highlight's mask). */
    public boolean[] mask(int k) {
        boolean[] out = new boolean[shown.pixels()];
        for (int p = 0; p < out.length; p++) {
            out[p] = shown.code(p) == k;
        }
        return out;
    }

    public static int argb(float r, float g, float b) {
        return 0xff000000 | channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static int channel(float v) {
        return Math.round(Math.min(1f, Math.max(0f, v)) * 255);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** What undo would take back, for its tooltip; empty when nothing. */
    public String undoText() {
        return undo.isEmpty() ? "" : undo.peek()[0].description();
    }

    // ------------------------------------------------------------------ background work

    /** The run for the settings on show. */
    public ColourTraining.Job trainJob() {
        return new ColourTraining.Job(key(), image, codes, method, seed);
    }

    /** A snapshot of {@code job} (on the lesson's thread): shown if its settings are on show; a finished one kept. */
    public void accept(ColourTraining.Job job, ColourSnapshot s) {
        if (s == null) {
            return;
        }
        if (s.finished()) {
            results.put(job.key(), s);
        }
        if (job.key().equals(key())) {
            show(s);
            changed();
        }
    }

    /** Train again from the start: the kept result for these settings is dropped. */
    public void retrain() {
        results.remove(key());
        show(null);
        problem = "";
        changed();
    }

    // ------------------------------------------------------------------ changes

    /** The photos to choose from: the two shipped ones, then the learner's last own image if any. */
    public List<String> photos() {
        return own == null ? List.of(LessonImage.CHINA, LessonImage.FLOWER)
                : List.of(LessonImage.CHINA, LessonImage.FLOWER, own.name());
    }

    public void setPhoto(String name) {
        if (name.equals(LessonImage.CHINA) || name.equals(LessonImage.FLOWER)) {
            image = bundledImage(name);
            imageKey = name;
        } else if (own != null && name.equals(own.name())) {
            image = own;
            imageKey = ownKey;
        } else {
            throw new VqException("no photo " + name);
        }
        settingsChanged();
    }

    /** The learner's own photo (opened in the background by {@link LessonImage#open}); refused when too small. */
    public void useImage(LessonImage value) {
        long pixels = (long) value.width() * value.height();
        if (pixels < MIN_PIXELS) {
            refuse(value.name() + ": " + value.width() + " × " + value.height() + " is " + pixels + " pixels; the"
                    + " lesson needs at least " + MIN_PIXELS + " (e.g. 64 × 64)");
            return;
        }
        own = value;
        ownKey = "own:" + value.name() + ":" + value.width() + "x" + value.height() + ":" + Arrays.hashCode(value.rgb());
        image = own;
        imageKey = ownKey;
        settingsChanged();
    }

    /** K, from {@link #MIN_CODES} to {@link #MAX_CODES}. */
    public void setCodes(int value) {
        if (value < MIN_CODES || value > MAX_CODES) {
            throw new VqException("colours: " + MIN_CODES + " to " + MAX_CODES + ", got " + value);
        }
        codes = value;
        settingsChanged();
    }

    /** k-means or EMA. */
    public void setMethod(UpdateRule value) {
        if (value != UpdateRule.KMEANS && value != UpdateRule.EMA) {
            throw new VqException("this lesson trains with k-means or EMA, not " + value.label());
        }
        method = value;
        settingsChanged();
    }

    public void setSeed(long value) {
        if (value < 0) {
            throw new VqException("seed: 0 or more, got " + value);
        }
        seed = value;
        settingsChanged();
    }

    private void settingsChanged() {
        problem = "";
        selected = -1;
        showKept();
        changed();
    }

    /** Highlights code {@code k}'s pixels; -1 for none. */
    public void select(int k) {
        if (shown == null || k < -1 || k >= codes) {
            throw new VqException("no code " + k + " to select");
        }
        selected = k;
        problem = "";
        changed();
    }

    /** Gives code {@code k} the colour (r, g, b), each in 0..1: a {@code set code} edit, undoable. */
    public void setColour(int k, float r, float g, float b) {
        if (shown == null) {
            throw new VqException("train first: there is no codebook to edit yet");
        }
        for (float v : new float[] {r, g, b}) {
            if (!(v >= 0 && v <= 1)) {
                throw new VqException(String.format(Locale.ROOT, "a colour is three values in 0..1, got %s", v));
            }
        }
        CodebookEdit edit = CodebookEdits.setCode(codebook, 0, k, new float[] {r, g, b});
        CodebookEdit inverse = edit.inverse(codebook);
        apply(edit.apply(codebook));
        undo.push(new CodebookEdit[] {edit, inverse});
        redo.clear();
        problem = "";
        changed();
    }

    public void undo() {
        if (undo.isEmpty()) {
            throw new VqException("nothing to undo");
        }
        CodebookEdit[] e = undo.pop();
        apply(e[1].apply(codebook));
        redo.push(e);
        undidAnEdit = true;
        problem = "";
        changed();
    }

    public void redo() {
        if (redo.isEmpty()) {
            throw new VqException("nothing to redo");
        }
        CodebookEdit[] e = redo.pop();
        apply(e[0].apply(codebook));
        undo.push(e);
        problem = "";
        changed();
    }

    /**
     * The codebook after an edit: the pixels keep their codes, so the error is measured from each code's pixel sums
     * ({@link CodeSums}: O(K) per edit instead of a pass over the image); with no edit left, the encoder's own MSE.
     */
    private void apply(Codebooks edited) {
        codebook = edited;
        recoloured = null; // decoded again only when asked for (tests, export)
        if (undo.isEmpty() && codebook.equals(shown.codebook())) {
            mse = shown.mse();
            return;
        }
        if (sums == null || sumsOf != shown) {
            if (pixels == null || pixelsOf != image) {
                pixels = image.rgb(); // one copy per image, not per edit
                pixelsOf = image;
            }
            sums = CodeSums.of(pixels, shown.indicesShared(), codes);
            sumsOf = shown;
        }
        mse = sums.mse(codebook);
    }

    /** A refused input: said in one line, nothing else changes. */
    public void refuse(String message) {
        problem = message.lines().findFirst().orElse("");
        changed();
    }
}
