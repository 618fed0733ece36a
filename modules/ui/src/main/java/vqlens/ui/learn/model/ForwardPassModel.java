package vqlens.ui.learn.model;

import java.util.Locale;
import java.util.SplittableRandom;
import vqlens.core.Codebooks;
import vqlens.core.ForwardTrace;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;

/**
 * Lesson 3, "one forward pass, step by step": a codebook, one input row and the stage on show; the numbers of
 * every stage are {@link ForwardTrace}'s, whose indices and distances are {@link ProductQuantizer#forward}'s own.
 * The quantizer runs on ND4J: build this model off the FX thread the first time (the runtime loads once).
 */
public final class ForwardPassModel extends LessonModel {

    /** The codebooks the lesson offers. */
    public enum Source {
        TEACHING("teaching codebook, 1 head × 16 codes × 2"),
        REFERENCE("reference module, 4 heads × 256 codes × 96"),
        TIES("ties, 2 heads × 5 codes × 4 (exact values)"),
        ON_HAND("codebooks on hand");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static final long START_SEED = 5;
    /** Codes of the ties codebook (the golden data's case 2, exact in float32): head 0 then head 1. */
    private static final float[] TIES_CODES = {
        0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 2, 2, 2, 2,
        1, 1, 1, 1, -1, -1, -1, -1, 0, 0, 0, 0, 2, 0, -2, 0, 0.5f, 0.5f, 0.5f, 0.5f};
    /** Rows of the ties codebook (case 2's z[1..3]): head 0 ties among 4, 2 and 3 codes. */
    private static final float[][] TIES_ROWS = {
        {0.5f, 0.5f, 0, 0, 1, 1, 1, 1}, {1, 0, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f}, {1, 1, 0, 0, 0.25f, 0.25f, 0.25f, 0.25f}};

    private Source source;
    private long seed;
    private Codebooks codebooks;
    private ProductQuantizer quantizer;
    private float[] teachingRows;
    private float[] row;
    private String rowOrigin;
    private ForwardTrace trace;
    private ForwardStage stage;
    private int head;
    private boolean typedOne;

    public ForwardPassModel() {
        task("Step through every stage to the straight-through estimator (→ or Next stage).",
                () -> stage == ForwardStage.STRAIGHT_THROUGH);
        task("Choose the ties codebook and look at argmin: several codes are equally near, the first one wins.",
                () -> source == Source.TIES && stage.ordinal() >= ForwardStage.ARGMIN.ordinal()
                        && trace.tiedAtMinimum(head).length > 1);
        task("Type a row of your own and follow it to its codes.", () -> typedOne
                && stage.ordinal() >= ForwardStage.ARGMIN.ordinal());
        restart();
        changed();
    }

    @Override
    protected void restart() {
        seed = START_SEED;
        typedOne = false;
        choose(Source.TEACHING);
    }

    private void choose(Source value) {
        if (value == Source.ON_HAND) {
            throw new VqException("codebooks on hand come with their name: use useOnHand");
        }
        source = value;
        onHandName = "";
        codebooks = switch (value) {
            case TEACHING -> BundledFiles.codebooks(BundledFiles.TEACHING);
            case REFERENCE -> BundledFiles.codebooks(BundledFiles.REFERENCE);
            case TIES -> Codebooks.of(new QuantizerConfig(2, 8, 5), TIES_CODES, true);
            case ON_HAND -> throw new IllegalStateException();
        };
        start();
    }

    private void start() {
        quantizer = ProductQuantizer.of(codebooks);
        stage = ForwardStage.INPUT;
        head = 0;
        dataRow(0);
    }

    private void dataRow(int index) {
        QuantizerConfig q = codebooks.config();
        switch (source) {
            case TEACHING -> {
                if (teachingRows == null) {
                    teachingRows = BundledFiles.rows(BundledFiles.TEACHING_ROWS);
                }
                int rows = teachingRows.length / 2;
                int r = Math.floorMod(index, rows);
                row = new float[] {teachingRows[2 * r], teachingRows[2 * r + 1]};
                rowOrigin = "data row " + r + " of " + rows;
            }
            case TIES -> {
                int r = Math.floorMod(index, TIES_ROWS.length);
                row = TIES_ROWS[r].clone();
                rowOrigin = "tie example " + (r + 1) + " of " + TIES_ROWS.length;
            }
            case ON_HAND -> {
                if (onHandRows.length > 0) {
                    int width = q.embeddingDim();
                    int rows = onHandRows.length / width;
                    int r = Math.floorMod(index, rows);
                    row = java.util.Arrays.copyOfRange(onHandRows, r * width, (r + 1) * width);
                    rowOrigin = onHandRowsName + " " + r + " of " + rows + " (" + onHandName + ")";
                } else {
                    row = codePlusNoise(q, index);
                    rowOrigin = "a code per head plus noise (row " + index + ", seed " + seed + ") for " + onHandName;
                }
            }
            case REFERENCE -> {
                row = codePlusNoise(q, index);
                rowOrigin = "a code per head plus noise (row " + index + ", seed " + seed + ")";
            }
        }
        rowIndex = index;
        trace = ForwardTrace.of(quantizer, row);
    }

    private int rowIndex;

    /** As the golden data's rows 9–255: a random code per head plus N(0, 0.5²) noise, from the seed. */
    private float[] codePlusNoise(QuantizerConfig q, int index) {
        SplittableRandom random = new SplittableRandom(seed * 7919 + index);
        float[] out = new float[q.embeddingDim()];
        for (int h = 0; h < q.heads(); h++) {
            float[] code = codebooks.code(h, random.nextInt(q.codes()));
            for (int j = 0; j < q.headDim(); j++) {
                out[h * q.headDim() + j] = (float) (code[j] + 0.5 * gaussian(random));
            }
        }
        return out;
    }
    private String onHandName = "";
    private float[] onHandRows = new float[0];
    private String onHandRowsName = "";

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    // ------------------------------------------------------------------ what the view shows

    public Source source() {
        return source;
    }

    public QuantizerConfig config() {
        return codebooks.config();
    }

    public Codebooks codebooks() {
        return codebooks;
    }

    public ForwardTrace trace() {
        return trace;
    }

    public ForwardStage stage() {
        return stage;
    }

    /** The head the per-head stages show. */
    public int head() {
        return head;
    }

    /** Where the row came from ("data row 3 of 1024", "typed"). */
    public String rowOrigin() {
        return rowOrigin;
    }

    @Override
    public long seed() {
        return seed;
    }

    // ------------------------------------------------------------------ moves

    public void setSource(Source value) {
        choose(value);
        changed();
    }

    /**
     * Uses codebooks the window has on hand (open in the inspector, being trained), named as the learner sees
     * them; the rows are a code per head plus noise. Returns the problem ({@code ""} when taken).
     */
    public String useOnHand(String name, Codebooks value) {
        return useOnHand(name, value, new float[0], "");
    }

    /**
     * The same with rows of their own ({@code [n, embeddingDim]}, e.g. a VQ-VAE's encoder outputs, named by
     * {@code rowsName}): the input rows are those, and the lesson says what they are.
     */
    public String useOnHand(String name, Codebooks value, float[] rows, String rowsName) {
        if (!value.inited()) {
            return name + " is not initialised yet: the first training step makes its codes";
        }
        source = Source.ON_HAND;
        onHandName = name;
        onHandRows = rows.clone();
        onHandRowsName = rowsName;
        codebooks = value;
        start();
        changed();
        return "";
    }

    /** The on-hand codebooks' name, {@code ""} for the others. */
    public String onHandName() {
        return onHandName;
    }

    public void nextStage() {
        stage = ForwardStage.values()[Math.min(stage.ordinal() + 1, ForwardStage.values().length - 1)];
        changed();
    }

    public void previousStage() {
        stage = ForwardStage.values()[Math.max(stage.ordinal() - 1, 0)];
        changed();
    }

    public void setStage(ForwardStage value) {
        stage = value;
        changed();
    }

    public void setHead(int value) {
        head = Math.max(0, Math.min(config().heads() - 1, value));
        changed();
    }

    /** The next data row (or tie example, or random row). */
    public void nextRow() {
        dataRow(rowIndex + 1);
        changed();
    }

    /**
     * A row typed by the learner: {@code embeddingDim} numbers separated by commas or spaces. Returns the problem
     * to mark at the field ({@code ""} when the row was taken); nothing changes when there is one.
     */
    public String typeRow(String text) {
        String[] parts = text.strip().split("[,;\\s]+");
        int width = config().embeddingDim();
        if (text.isBlank() || parts.length != width) {
            return "type " + width + " numbers (got " + (text.isBlank() ? 0 : parts.length) + ")";
        }
        float[] typed = new float[width];
        for (int i = 0; i < width; i++) {
            try {
                typed[i] = Float.parseFloat(parts[i]);
            } catch (NumberFormatException e) {
                return "'" + vqlens.core.Printable.of(parts[i], 20) + "' is not a number";
            }
            if (!Float.isFinite(typed[i])) {
                return "value " + (i + 1) + " is " + parts[i] + ": only finite numbers can be quantised";
            }
        }
        try {
            trace = ForwardTrace.of(quantizer, typed);
        } catch (VqException e) {
            return e.getMessage();
        }
        row = typed;
        rowOrigin = "typed";
        typedOne = true;
        changed();
        return "";
    }

    /** The row as the learner would type it, e.g. {@code "1.5, -0.25"} (the first values of a wide row). */
    public String rowText(int maxValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(row.length, maxValues); i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", row[i]));
        }
        return row.length > maxValues ? sb + ", …" : sb.toString();
    }
}
